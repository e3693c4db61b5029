// `keyward run` masking the values in its command's output, as built and run by a user's shell: output
// that arrives in pieces or in bulk, tens of megabytes passed through, terminals kept with --no-mask,
// a Ctrl-C typed at the terminal. Shares its vault and runner with run.test.ts (runWorld.ts).
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { runBuiltCliOnTerminal } from './builtCli'
import {
  withPassword,
  clipiaLive,
  clipiaTest,
  multiByte,
  temp,
  env,
  type Finished,
  keyward,
  child,
  useRunWorld,
} from './runWorld'

useRunWorld()

describe('keyward run: masking', () => {
  const lines = (result: Finished) => result.stdout.toString('utf8')

  it('masks the values in stdout and stderr', async () => {
    const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('print', 'CLIPIA_KEY')])
    expect(lines(result)).toBe(`out: clipia_live_••••${clipiaLive.slice(-4)}\n`)
    expect(result.stderr).toBe(`err: clipia_live_••••${clipiaLive.slice(-4)}\n`)
  })

  it('masks a value written one byte at a time, on both streams', async () => {
    const result = await keyward(['run', '--only', 'Unicode', ...withPassword, ...child('bytewise', 'UNICODE_KEY')])
    // No known prefix: dots and the last four characters.
    expect(lines(result)).toBe(`token=••••${multiByte.slice(-4)}\n`)
    expect(result.stderr).toBe(`token=••••${multiByte.slice(-4)}\n`)
  })

  it('masks a value written in two halves, apart in time', async () => {
    const result = await keyward(['run', '--env', 'live', ...withPassword, ...child('halves', 'CLIPIA_KEY')])
    expect(lines(result)).toBe(`first clipia_live_••••${clipiaLive.slice(-4)} last\n`)
  })

  it('masks a value from a reference in the environment too', async () => {
    const result = await keyward([...withPassword, 'run', ...child('print', 'TOKEN')], {
      extraEnv: { TOKEN: 'keyward://Clipia test' },
    })
    expect(lines(result)).toBe(`out: clipia_test_••••${clipiaTest.slice(-4)}\n`)
  })

  it('passes tens of megabytes through, every byte right', async () => {
    const count = 400_000
    const result = await keyward([
      'run',
      '--env',
      'live',
      ...withPassword,
      ...child('large', 'CLIPIA_KEY', String(count)),
    ])
    expect(result.exitCode, result.stderr).toBe(0)
    const mask = `clipia_live_••••${clipiaLive.slice(-4)}`
    let expected = ''
    const hash = createHash('sha256')
    for (let index = 0; index < count; index += 1) {
      expected += index % 997 === 0 ? `${index} secret=${mask};\n` : `${index} ${'x'.repeat(70)} é\n`
      if (expected.length > 1_000_000) {
        hash.update(expected)
        expected = ''
      }
    }
    hash.update(expected)
    expect(result.stdout.length).toBeGreaterThan(30 * 1024 * 1024)
    expect(createHash('sha256').update(result.stdout).digest('hex')).toBe(hash.digest('hex'))
  })

  it('passes output on unmasked with --no-mask', async () => {
    const result = await keyward(
      ['run', '--env', 'live', '--no-mask', ...withPassword, ...child('print', 'CLIPIA_KEY')],
      { showsSecrets: true },
    )
    expect(lines(result)).toBe(`out: ${clipiaLive}\n`)
  })

  // Under a pseudo-terminal driven by python3's pty module, as terminal.test.ts does.
  it('keeps stdout and stderr a terminal with --no-mask, and pipes them to mask otherwise', async () => {
    const unmasked = await runBuiltCliOnTerminal(
      ['run', '--env', 'live', '--no-mask', ...withPassword, ...child('isatty', 'CLIPIA_KEY')],
      {
        cwd: temp.directory,
        env,
        steps: [],
      },
    )
    expect(unmasked.failure).toBeNull()
    expect(unmasked.exitCode).toBe(0)
    expect(unmasked.screen).toBe(`stdin=true stdout=true stderr=true value=${clipiaLive}\r\n`)
    const masked = await runBuiltCliOnTerminal(
      ['run', '--env', 'live', ...withPassword, ...child('isatty', 'CLIPIA_KEY')],
      { cwd: temp.directory, env, steps: [] },
    )
    expect(masked.screen).toBe(`stdin=true stdout=false stderr=false value=clipia_live_••••${clipiaLive.slice(-4)}\r\n`)
  })

  it('delivers a Ctrl-C typed at the terminal to the command once', async () => {
    const result = await runBuiltCliOnTerminal(
      ['run', '--env', 'live', ...withPassword, ...child('trap', 'SIGINT', '5')],
      {
        cwd: temp.directory,
        env,
        steps: [{ expect: 'ready', send: '\u0003' }],
      },
    )
    expect(result.exitCode).toBe(5)
    expect(result.screen.match(/got SIGINT/g)).toHaveLength(1)
  })
})
