// Times one run of a program from outside Node: python3 forks, execs and waits for it, and reports
// its wall time and CPU time (user + system from wait4, its waited-for children included). On a
// loaded shared machine the CPU time is the steadier figure; no Node spawn sits in either.
import { spawnSync } from 'node:child_process'

const TIMER = `
import json, os, sys, time
argv, stdin = json.loads(sys.argv[1])
devnull = os.open(os.devnull, os.O_RDWR)
read_end, write_end = os.pipe()
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(write_end)
    os.dup2(read_end, 0)
    for fd in (1, 2): os.dup2(devnull, fd)
    os.execvp(argv[0], argv)
os.close(read_end)
os.write(write_end, stdin.encode())
os.close(write_end)
_, status, usage = os.wait4(pid, 0)
print(json.dumps([(time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000, os.waitstatus_to_exitcode(status)]))
`

export interface TimedRun {
  /** Milliseconds from fork to exit. */
  wall: number
  /** Milliseconds of CPU, user and system. */
  cpu: number
}

/** Runs `argv` once (stdin given, output dropped) and answers its times; throws when it fails, unless anyExit. */
export const timeProcess = (
  argv: readonly string[],
  options: { env: Record<string, string>; cwd?: string; stdin?: string; anyExit?: boolean },
): TimedRun => {
  const run = spawnSync('python3', ['-c', TIMER, JSON.stringify([argv, options.stdin ?? ''])], {
    env: options.env,
    cwd: options.cwd,
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(run.stderr)
  const [wall, cpu, exitCode] = JSON.parse(run.stdout) as [number, number, number]
  if (exitCode !== 0 && !options.anyExit) throw new Error(`${argv.join(' ')} exited with ${exitCode}`)
  return { wall, cpu }
}
