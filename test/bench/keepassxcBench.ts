// The CLI benchmark's comparison with keepassxc-cli (`npm run bench:cli -- --keepassxc`): a KeePass
// database holding the same entries as the Keyward vault, at the same Argon2id cost, and the times of
// keepassxc-cli's commands on it. keepassxc-cli has no agent: each command derives the key again.
// Its `open` mode (one process, the database kept open, commands read from stdin) is the closest to
// Keyward's agent, so it is timed too: each command from writing it to the next prompt.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { KdfCost } from '../../main/vault/index'
import { readKdfParameters, writeKdbx } from './kdbxFile'
import { median } from './median'

export const KEEPASSXC_CLI = 'keepassxc-cli'
/** The database's name, which `open` mode shows as its prompt. */
const PROMPT = 'benchmark> '

/** keepassxc-cli's version, or a clear error when it is not installed. */
export const keepassxcVersion = (): string => {
  const answer = spawnSync(KEEPASSXC_CLI, ['--version'], { encoding: 'utf8' })
  if (answer.error || answer.status !== 0) {
    throw new Error('--keepassxc needs keepassxc-cli on PATH (Debian: apt-get install keepassxc)')
  }
  return answer.stdout.trim()
}

/**
 * A KDBX 4 database at `path` with the entries, the last one added by keepassxc-cli itself (so the
 * file on disk is its own writer's); throws unless the saved header still has Argon2id at `cost`.
 */
export const makeKdbx = (
  path: string,
  password: string,
  cost: KdfCost,
  entries: readonly { title: string; password: string }[],
): string => {
  const last = entries.at(-1)!
  writeKdbx(path, password, cost, entries.slice(0, -1))
  const added = spawnSync(KEEPASSXC_CLI, ['add', '-q', '-p', path, last.title], {
    input: `${password}\n${last.password}\n`,
    encoding: 'utf8',
  })
  if (added.status !== 0) throw new Error(`keepassxc-cli add failed: ${added.stderr}`)
  const saved = readKdfParameters(path)
  const expected = {
    $UUID: 'Argon2id',
    M: String(cost.memoryKiB * 1024),
    I: String(cost.iterations),
    P: String(cost.parallelism),
  }
  for (const [name, value] of Object.entries(expected)) {
    if (saved[name] !== value) throw new Error(`keepassxc-cli saved ${name}=${saved[name]}, not ${value}`)
  }
  return `Argon2id, ${saved.M} bytes (${Number(saved.M) / 1024 / 1024} MiB), ${saved.I} passes, ${saved.P} lanes, version 0x${Number(saved.V).toString(16)}`
}

/** The argv and stdin of keepassxc-cli commands on `path`, the password given on stdin. */
export const keepassxcCommands = (path: string, password: string, title: string) => ({
  list: { argv: [KEEPASSXC_CLI, 'ls', '-q', '-R', '-f', path], stdin: `${password}\n` },
  show: { argv: [KEEPASSXC_CLI, 'show', '-q', '-s', '-a', 'Password', path, title], stdin: `${password}\n` },
})

/**
 * Median wall milliseconds of each command typed into one `keepassxc-cli open` process, from writing
 * the line to the next prompt (one uncounted run of each first), and the process's CPU per command
 * (its total user + system time over all the commands, from /proc, divided by their number: the
 * clock's 10 ms ticks are too coarse for one command).
 */
export const timeOpenMode = async (
  path: string,
  password: string,
  commands: Record<string, string>,
  runs: number,
): Promise<Record<string, { wall: number; cpu: number }>> => {
  const child = spawn(KEEPASSXC_CLI, ['open', '-q', path], { stdio: ['pipe', 'pipe', 'ignore'] })
  let output = ''
  let waiting: (() => void) | null = null
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    output += text
    if (output.endsWith(PROMPT) && waiting) {
      const done = waiting
      waiting = null
      done()
    }
  })
  const untilPrompt = (line: string) =>
    new Promise<void>((resolve) => {
      output = ''
      waiting = resolve
      child.stdin.write(`${line}\n`)
    })
  const cpuTicks = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(fields[11]) + Number(fields[12]) // utime, stime (fields 14 and 15 of stat)
  }
  const TICK_MS = 10 // USER_HZ is 100 on Linux
  try {
    await untilPrompt(password)
    const times: Record<string, { wall: number; cpu: number }> = {}
    for (const [name, line] of Object.entries(commands)) {
      await untilPrompt(line)
      const walls: number[] = []
      const ticksBefore = cpuTicks()
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now()
        await untilPrompt(line)
        walls.push(performance.now() - started)
      }
      times[name] = { wall: median(walls), cpu: ((cpuTicks() - ticksBefore) * TICK_MS) / runs }
    }
    return times
  } finally {
    child.stdin.end('exit\n')
    child.kill()
  }
}
