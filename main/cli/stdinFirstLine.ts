// The first line of the process's stdin, read one byte at a time straight from file descriptor 0,
// so that reading the password (keyward run --password-stdin) takes nothing more: what follows it
// is left in the pipe or file for the command that runs next.
import { readSync } from 'node:fs'
import { Readable } from 'node:stream'

const STDIN = 0
const RETRY_MILLISECONDS = 10

const sleep = (milliseconds: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds)
}

function* bytesOfStdin(): Generator<Buffer> {
  const byte = Buffer.alloc(1)
  for (;;) {
    let count: number
    try {
      count = readSync(STDIN, byte, 0, 1, null)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // A stdin left non-blocking by whoever started us: wait for the writer.
      if (code === 'EAGAIN') {
        sleep(RETRY_MILLISECONDS)
        continue
      }
      if (code === 'EOF') return
      throw error
    }
    if (count === 0) return
    yield Buffer.from(byte)
  }
}

const LINE_FEED = 0x0a

/** stdin's bytes up to and including the first line break; the stream ends there. */
export const stdinFirstLine = (): Readable => {
  const bytes = bytesOfStdin()
  return new Readable({
    highWaterMark: 1,
    read() {
      const next = bytes.next()
      if (next.done) {
        this.push(null)
        return
      }
      this.push(next.value)
      if (next.value[0] === LINE_FEED) this.push(null)
    },
  })
}
