// The parent's side of test/support/writerChild.ts: start the writer on a vault and hear each commit it
// reports (a single key's label, or a batch's), and count a batch's keys in what a vault holds after.
import { spawn, type ChildProcess } from 'node:child_process'

export interface Writer {
  child: ChildProcess
  /** The labels of the writes the child reported committed, in order. */
  committed: string[]
  exited: Promise<void>
}

/** Starts the writer; `onCommit` hears the labels so far after each report (to kill it, or go on). */
export const startWriter = (vaultPath: string, password: string, onCommit: (committed: string[]) => void): Writer => {
  const committed: string[] = []
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/writerChild.ts', vaultPath, password], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  let buffered = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) if (line.startsWith('committed ')) committed.push(line.slice('committed '.length))
    onCommit(committed)
  })
  return { child, committed, exited }
}

/** How many keys of each batch the names hold: a batch is one transaction, so 50 or none. */
export const batchSizes = (names: Iterable<string>): number[] => {
  const batches = new Map<string, number>()
  for (const name of names) {
    const match = /^(batch \d+) item/.exec(name)
    if (match) batches.set(match[1]!, (batches.get(match[1]!) ?? 0) + 1)
  }
  return [...batches.values()]
}
