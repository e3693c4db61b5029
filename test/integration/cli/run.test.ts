// `keyward run` as built and run by a user's shell: real child processes all the way down (keyward,
// then the command it runs), the chosen keys and keyward:// references in its environment, exit
// codes and signals as a shell sees them, stdin left to the command. Masking: runMasking.test.ts; bad
// input: runBadInput.test.ts. The vault is made in-process at a cheap Argon2 cost (runWorld.ts).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/program'
import { fakeIo } from '../../unit/cli/fakeCliIo'
import {
  PASSWORD,
  withPassword,
  clipiaLive,
  clipiaTest,
  airclouTest,
  multiByte,
  temp,
  env,
  startKeyward,
  keyward,
  child,
  sha256,
  useRunWorld,
} from './runWorld'

useRunWorld()

describe('keyward run: the command and its exit', () => {
  it('gives the chosen keys to the command under their variables, and nothing else', async () => {
    const result = await keyward([
      'run',
      '--env',
      'live',
      ...withPassword,
      ...child('env-hash', 'CLIPIA_KEY', 'AIRCLOU_API_KEY'),
    ])
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(`CLIPIA_KEY=${sha256(clipiaLive)}\nAIRCLOU_API_KEY=unset\n`)
    const tagged = await keyward([
      'run',
      '--tag',
      'billing',
      ...withPassword,
      ...child('env-hash', 'CLIPIA_KEY', 'AIRCLOU_API_KEY'),
    ])
    expect(tagged.stdout.toString()).toBe(`CLIPIA_KEY=${sha256(clipiaLive)}\nAIRCLOU_API_KEY=${sha256(airclouTest)}\n`)
    const only = await keyward([
      'run',
      '--only',
      'clipia TEST',
      'Unicode',
      ...withPassword,
      ...child('env-hash', 'CLIPIA_KEY', 'UNICODE_KEY'),
    ])
    expect(only.stdout.toString()).toBe(`CLIPIA_KEY=${sha256(clipiaTest)}\nUNICODE_KEY=${sha256(multiByte)}\n`)
  })

  it('passes the exit code through: 0, 3, 42', async () => {
    for (const code of [0, 3, 42]) {
      const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('exit', String(code))])
      expect(result, result.stderr).toMatchObject({ exitCode: code, signal: null, stderr: '' })
    }
  })

  it('ends the way the command ended when a signal killed it (SIGTERM, SIGKILL)', async () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('kill-self', signal)])
      expect(result, result.stderr).toMatchObject({ exitCode: null, signal })
    }
  })

  it('reports 128 + n for a signal when run in-process (no process to end)', async () => {
    const io = fakeIo({ cwd: temp.directory, env: { ...env } })
    const exitCode = await runCli(['run', '--env', 'live', ...withPassword, ...child('kill-self', 'SIGTERM')], io)
    expect(exitCode, io.err()).toBe(143)
  })

  it('passes SIGINT, SIGTERM and SIGHUP it receives on to the command', async () => {
    for (const [signal, code] of [
      ['SIGINT', 7],
      ['SIGTERM', 8],
      ['SIGHUP', 9],
    ] as const) {
      const started = startKeyward(['run', '--env', 'live', ...withPassword, ...child('trap', signal, String(code))])
      await started.stdoutShows('ready')
      process.kill(started.pid, signal)
      const result = await started.finished
      expect(result, result.stderr).toMatchObject({ exitCode: code, signal: null })
      expect(result.stdout.toString()).toBe(`ready\ngot ${signal}\n`)
    }
  })

  it('says so when the command cannot be found or run (127, 126), and runs nothing', async () => {
    const missing = await keyward(['run', '--env', 'live', ...withPassword, '--', 'no-such-command-here', '--flag'])
    expect(missing.exitCode).toBe(127)
    expect(missing.stderr).toBe('keyward: no-such-command-here: command not found. Nothing was run.\n')
    writeFileSync(join(temp.directory, 'not-executable'), '#!/bin/sh\n', { mode: 0o644 })
    const notExecutable = await keyward(['run', '--env', 'live', ...withPassword, '--', './not-executable'])
    expect(notExecutable.exitCode).toBe(126)
    expect(notExecutable.stderr).toContain('cannot be run')
  })

  it('leaves stdin to the command, and with --password-stdin takes only the password line', async () => {
    const piped = await keyward(['run', '--env', 'live', ...withPassword, ...child('cat')], {
      stdin: 'line one\nline two\n',
    })
    expect(piped.stdout.toString()).toBe('line one\nline two\n')
    const shared = await keyward(['run', '--env', 'live', '--password-stdin', ...child('cat')], {
      stdin: `${PASSWORD}\nthe rest\nof stdin\n`,
    })
    expect(shared.stderr).toBe('')
    expect(shared.stdout.toString()).toBe('the rest\nof stdin\n')
  })
})

describe('keyward run: keyward:// references in the environment', () => {
  it('replaces each variable holding a reference with the value it names', async () => {
    const result = await keyward([...withPassword, 'run', ...child('env-hash', 'CLIPIA_KEY', 'AIR', 'UNI', 'PLAIN')], {
      extraEnv: {
        CLIPIA_KEY: 'keyward://clipia/test/Clipia test',
        AIR: 'keyward://Airclou%20CI',
        UNI: ' keyward://unicode ',
        PLAIN: 'left as it is',
      },
    })
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(
      `CLIPIA_KEY=${sha256(clipiaTest)}\nAIR=${sha256(airclouTest)}\nUNI=${sha256(multiByte)}\nPLAIN=${sha256('left as it is')}\n`,
    )
  })

  it('accepts a reference and a chosen key on one variable when both name the same key', async () => {
    const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('env-hash', 'CLIPIA_KEY')], {
      extraEnv: { CLIPIA_KEY: 'keyward://Clipia live' },
    })
    expect(result.stdout.toString()).toBe(`CLIPIA_KEY=${sha256(clipiaLive)}\n`)
  })
})
