// A long run's progress on stderr (scan, test --all, import): one line redrawn in place on a terminal;
// off one (a CI log, a file) a plain line every few seconds, so a quiet job is not taken for a hung one.
import type { Clock } from '../common/clock'
import type { CliIo } from './io'

/** How often the terminal line is redrawn at most. */
export const TERMINAL_REDRAW_MILLISECONDS = 200
/** Off a terminal: the gap between logged lines (none for a run shorter than this). */
export const LOG_LINE_MILLISECONDS = 3_000
/** What a terminal's line ends with: the key that stops the run. */
export const STOP_HINT = ' (Ctrl-C to stop)'

export interface Progress {
  /** The run's state now: drawn on a terminal (at most every 200 ms), logged off one every few seconds. */
  update(line: string): void
  /** Clears the drawn line, so what follows starts on a clean one; nothing is written after this. */
  end(): void
}

export const startProgress = (io: Pick<CliIo, 'stderr' | 'stderrIsTTY'>, clock: Pick<Clock, 'now'>): Progress => {
  const onTerminal = io.stderrIsTTY
  let latest: string | null = null
  let drawn = false
  let ended = false
  // A log's first line comes only after a whole gap: a short run stays silent.
  let lastWritten = onTerminal ? Number.NEGATIVE_INFINITY : clock.now()
  const write = () => {
    if (ended || latest === null) return
    const now = clock.now()
    if (now - lastWritten < (onTerminal ? TERMINAL_REDRAW_MILLISECONDS : LOG_LINE_MILLISECONDS)) return
    lastWritten = now
    if (onTerminal) {
      io.stderr.write(`\r\x1b[K${latest}${STOP_HINT}`)
      drawn = true
    } else {
      io.stderr.write(`keyward: ${latest}\n`)
    }
  }
  // A run may stall (a plan's rate limit, one huge blob) without news: the line still comes on time.
  const heartbeat = setInterval(write, onTerminal ? TERMINAL_REDRAW_MILLISECONDS : 1_000)
  heartbeat.unref()
  return {
    update(line) {
      latest = line
      write()
    },
    end() {
      if (ended) return
      clearInterval(heartbeat)
      if (drawn) io.stderr.write('\r\x1b[K')
      ended = true
    },
  }
}
