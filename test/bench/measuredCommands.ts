// Measuring a command from outside: its wall time, and its CPU and peak memory as GNU time counts them
// (children included), for the scan benchmark's floor (git cat-file over every blob) and its peers.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'

export interface Measured {
  milliseconds: number
  peakBytes: number
  /** User and system CPU of every thread and child process (null when it could not be read). */
  cpuMilliseconds?: number | null
}

/** GNU time counts a command's CPU, its children's included; without it the CPU column stays empty. */
export const GNU_TIME = '/usr/bin/time'
export const timed = (timeFile: string, format: string, command: string, args: string[]): [string, string[]] =>
  existsSync(GNU_TIME) ? [GNU_TIME, ['-o', timeFile, '-f', format, command, ...args]] : [command, args]

/** The numbers on the last line GNU time wrote to a file, in its `-f` order (none when it wrote nothing). */
const readTimeNumbers = (file: string): number[] => {
  try {
    return execFileSync('tail', ['-1', file], { encoding: 'utf8' }).trim().split(' ').map(Number)
  } catch {
    return []
  }
}

/** User and system CPU seconds in milliseconds, or null unless both were read. */
const cpuMillisecondsOf = (user: number | undefined, system: number | undefined): number | null =>
  user !== undefined && system !== undefined && Number.isFinite(user + system) ? (user + system) * 1000 : null

/** CPU seconds GNU time wrote to a file (`-f '%U %S'`), in milliseconds. */
export const readTimeFile = (file: string): number | null => {
  const [user, system] = readTimeNumbers(file)
  return cpuMillisecondsOf(user, system)
}

/** Runs a command, timing it and reading its peak resident memory and CPU (GNU time's %M, %U, %S; children included). */
export const measureCommand = (
  timeFile: string,
  command: string,
  args: string[],
  environment: NodeJS.ProcessEnv = process.env,
  cwd?: string,
  input?: string,
): Measured & { status: number | null; stderr: string } => {
  const started = performance.now()
  const result = spawnSync(GNU_TIME, ['-o', timeFile, '-f', '%M %U %S', command, ...args], {
    env: environment,
    cwd,
    input,
    stdio: ['pipe', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  })
  const milliseconds = performance.now() - started
  const [peakKilobytes, user, system] = readTimeNumbers(timeFile)
  return {
    milliseconds,
    peakBytes: (peakKilobytes || 0) * 1024,
    cpuMilliseconds: cpuMillisecondsOf(user, system),
    status: result.status,
    stderr: result.stderr?.toString().slice(-500) ?? '',
  }
}

/** git's floor: one cat-file handing every unique blob to a reader (this process), bytes counted; CPU of both. */
export const catFileFloor = (
  timeFile: string,
  gitDirectory: string,
  blobIds: string,
): Promise<Measured & { bytes: number }> =>
  new Promise((resolvePromise) => {
    const readerBefore = process.cpuUsage()
    const started = performance.now()
    rmSync(timeFile, { force: true })
    const child = spawn(...timed(timeFile, '%U %S', 'git', ['--git-dir', gitDirectory, 'cat-file', '--batch']), {
      stdio: ['pipe', 'pipe', 'ignore'],
    })
    let bytes = 0
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length))
    child.stdin.end(blobIds)
    child.on('close', () => {
      const milliseconds = performance.now() - started
      const reader = process.cpuUsage(readerBefore)
      const git = readTimeFile(timeFile)
      resolvePromise({
        milliseconds,
        peakBytes: 0,
        bytes,
        cpuMilliseconds: git === null ? null : git + (reader.user + reader.system) / 1000,
      })
    })
  })
