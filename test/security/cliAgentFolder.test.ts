// The unlocked agent's folder and socket in a hostile local world, with the built keyward and a real
// agent: a folder or socket another user could have made or changed, and another user connecting.
// Shares its vault and agent with cliAgent.test.ts (cliAgentWorld.ts). Build first: npx electron-vite build.
import { spawn } from 'node:child_process'
import { chmodSync, chownSync, existsSync, renameSync, symlinkSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NOBODY, temp, runtime, keyward, unlock, paths, useCliAgentWorld } from './cliAgentWorld'

useCliAgentWorld()

describe("the agent's folder and socket, made or changed by someone else", () => {
  it(
    "refuses a folder other users can enter, owned by another user or a link, and a socket that is not the user's",
    { timeout: 60_000 },
    async () => {
      expect((await unlock()).exitCode).toBe(0)
      const { folder, socket } = paths()
      const refusedWith = async (text: string) => {
        const listed = await keyward(['list'])
        expect(listed.exitCode).toBe(1)
        expect(listed.stderr).toContain(text)
        expect(listed.stderr).toContain('Asking for the master password instead.')
        expect(listed.stdout).not.toContain('Clipia')
      }
      try {
        chmodSync(folder, 0o777)
        await refusedWith(
          `The agent folder ${folder} can be used by other users (mode 777), so Keyward will not use an agent there.`,
        )
        const unlockThere = await unlock()
        expect(unlockThere.exitCode).toBe(1)
        expect(unlockThere.stderr).toContain('can be used by other users (mode 777)')
        chmodSync(folder, 0o700)

        chownSync(folder, NOBODY, NOBODY)
        await refusedWith(`The agent folder ${folder} belongs to another user (uid ${NOBODY})`)
        chownSync(folder, process.getuid!(), process.getgid!())

        chownSync(socket, NOBODY, NOBODY)
        await refusedWith(`is not a socket of yours (it belongs to uid ${NOBODY}), so Keyward will not talk to it.`)
        chownSync(socket, process.getuid!(), process.getgid!())

        // A link in the folder's place, even to a private folder holding the agent's own socket.
        const moved = join(temp.directory, 'moved-agent-folder')
        renameSync(folder, moved)
        symlinkSync(moved, folder)
        try {
          await refusedWith(`The agent folder ${folder} is a symbolic link, so Keyward will not use an agent there.`)
        } finally {
          unlinkSync(folder)
          renameSync(moved, folder)
        }
      } finally {
        chmodSync(folder, 0o700)
        chownSync(folder, process.getuid!(), process.getgid!())
        if (existsSync(socket)) chownSync(socket, process.getuid!(), process.getgid!())
      }
      expect((await keyward(['list'])).exitCode).toBe(0)
    },
  )

  it(
    'cannot be reached by another user, even where the folders above let them through',
    { timeout: 30_000 },
    async () => {
      expect((await unlock()).exitCode).toBe(0)
      // As under /tmp: everyone may pass through the folders above the agent's own.
      chmodSync(temp.directory, 0o711)
      chmodSync(runtime, 0o711)
      const attempt = await new Promise<string>((resolve, reject) => {
        const child = spawn(
          'python3',
          [
            '-c',
            'import socket,sys\ns=socket.socket(socket.AF_UNIX)\ntry:\n  s.connect(sys.argv[1]); print("connected")\nexcept OSError as e:\n  print(e.errno)',
            paths().socket,
          ],
          { uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'inherit'] },
        )
        let output = ''
        child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text))
        child.on('error', reject)
        child.on('close', () => resolve(output.trim()))
      }).finally(() => {
        chmodSync(runtime, 0o700)
        chmodSync(temp.directory, 0o700)
      })
      // EACCES: the folder is the user's alone, so another user cannot even reach the socket.
      expect(attempt).toBe('13')
    },
  )
})
