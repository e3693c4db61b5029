// What the CLI benchmarks share: a vault made in-process with the given keys (the real Argon2 cost,
// so `keyward` opens it as a user's), and the built `keyward` run as a child process, timed.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { NewKey } from '#contract'
import { createVault } from '../../main/vault/index'
import { BUILT_CLI, cliEnvironment } from '../integration/cli/builtCli'

export const BENCH_PASSWORD = 'correct horse battery staple'

/** A vault at `directory`/vault.keyward holding the keys, and a password file beside it. */
export const makeBenchVault = async (
  directory: string,
  keys: readonly NewKey[],
): Promise<{ vaultPath: string; env: Record<string, string> }> => {
  const vaultPath = join(directory, 'vault.keyward')
  const passwordFile = join(directory, 'password')
  writeFileSync(passwordFile, `${BENCH_PASSWORD}\n`, { mode: 0o600 })
  const vault = await createVault(vaultPath, BENCH_PASSWORD)
  try {
    for (const key of keys) vault.keys.add(key)
  } finally {
    vault.close()
  }
  const env = cliEnvironment(join(directory, 'home'), { KEYWARD_VAULT: vaultPath, KEYWARD_PASSWORD_FILE: passwordFile })
  return { vaultPath, env }
}

export interface TimedRun {
  exitCode: number
  stdout: string
  stderr: string
  milliseconds: number
  /** Each piece of stderr with the time it came, in ms from the start. */
  stderrTimes: { at: number; text: string }[]
}

/** Runs the built CLI without a terminal; killed after `limitMilliseconds`. */
export const runCliTimed = (
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
  limitMilliseconds = 600_000,
): Promise<TimedRun> =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const stderrTimes: TimedRun['stderrTimes'] = []
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text
      stderrTimes.push({ at: performance.now() - started, text })
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMilliseconds)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ exitCode: code ?? 1, stdout, stderr, milliseconds: performance.now() - started, stderrTimes })
    })
  })
