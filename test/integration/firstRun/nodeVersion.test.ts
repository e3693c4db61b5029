// An older Node is turned away with one line naming the Node needed and the one found: by `npm install`
// (engine-strict in the project's .npmrc) before anything is fetched, and by `keyward` before the native
// SQLite module loads. Run with a real old Node: /usr/bin/node (Debian's), or KEYWARD_OLD_NODE.
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDirectory } from '../../support/tempVault'

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const NEEDED_MAJOR = 24

const oldNodePath = process.env.KEYWARD_OLD_NODE ?? '/usr/bin/node'
const oldNodeVersion = existsSync(oldNodePath)
  ? execFileSync(oldNodePath, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
  : null
const hasOldNode = oldNodeVersion !== null && Number(oldNodeVersion.split('.')[0]) < NEEDED_MAJOR
const expectedLine = `Keyward needs Node.js ${NEEDED_MAJOR} or newer, and this is Node.js ${oldNodeVersion} (${oldNodePath}): install Node.js ${NEEDED_MAJOR} and run it again.\n`

let temp: ReturnType<typeof makeTempDirectory>
beforeAll(() => {
  temp = makeTempDirectory('keyward-old-node-')
})
afterAll(() => temp?.cleanup())

const runOld = (args: string[], options: { cwd?: string; input?: string } = {}) =>
  spawnSync(oldNodePath, args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(temp.directory, 'home'), LANG: 'C.UTF-8' },
  })

describe('Node version', () => {
  it('the check passes this Node silently', () => {
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/check-node.cjs')], {
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
  })

  describe.skipIf(!hasOldNode)(
    `under an old Node (${oldNodePath} ${oldNodeVersion ?? 'absent'})`,
    { timeout: 90_000 },
    () => {
      it('the check says in one line which Node is needed and which was found', () => {
        const run = runOld([join(PROJECT_ROOT, 'scripts/check-node.cjs')])
        expect(run.status).toBe(1)
        expect(run.stderr).toBe(expectedLine)
      })

      it('keyward init says the same, before the SQLite module loads, and creates nothing', () => {
        const vaultPath = join(temp.directory, 'vault.keyward')
        const run = runOld(
          [join(PROJECT_ROOT, 'main/cli/keyward.mjs'), 'init', '--vault', vaultPath, '--password-stdin'],
          {
            input: 'a long enough password\n',
          },
        )
        expect(run.signal).toBeNull()
        expect(run.stderr).toBe(expectedLine)
        expect(run.stdout).toBe('')
        expect(run.status).toBe(1)
        expect(existsSync(vaultPath)).toBe(false)
      })

      it('npm install stops before fetching anything, naming the Node needed and the one found', () => {
        const clone = join(temp.directory, 'clone')
        execFileSync('mkdir', ['-p', clone])
        for (const file of ['package.json', 'package-lock.json', '.npmrc'])
          copyFileSync(join(PROJECT_ROOT, file), join(clone, file))
        const npmCli = realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim())
        const run = runOld([npmCli, 'install', '--no-audit', '--no-fund'], { cwd: clone })
        expect(run.status).not.toBe(0)
        expect(run.stderr).toContain('EBADENGINE')
        expect(run.stderr).toContain(`Required: {"node":">=${NEEDED_MAJOR}"}`)
        expect(run.stderr).toContain(`Actual:   {"node":"v${oldNodeVersion}"`)
        expect(readdirSync(clone).sort()).toEqual(['.npmrc', 'package-lock.json', 'package.json'])
      })
    },
  )
})
