// Masks secret values in a stream of output (a command run with keys in its environment): every
// byte of every occurrence of a value is hidden, also when the value arrives split across chunks.
// Works on bytes, so multi-byte UTF-8 and binary output pass through unchanged. On the common shelf,
// with each value's mask given by the caller (the vault's maskValue, or the masks the agent sent), so
// that `keyward run` through the agent loads neither the vault nor the provider catalog.
import { Transform, type TransformCallback } from 'node:stream'
import { DOTS as SECRET_DOTS } from './secretText'

const DOTS = Buffer.from(SECRET_DOTS)

interface Pattern {
  bytes: Buffer
  mask: Buffer
}

interface Occurrence {
  start: number
  end: number
  pattern: Pattern
}

/** A stretch of output covered by one or more occurrences, still being read. */
interface MaskedRun {
  /** Absolute offsets in the stream. */
  start: number
  end: number
  /** The value whose single occurrence covers exactly this run, if one does: shown as its mask. */
  exactly: Pattern | null
}

/**
 * The masker holds back only what could still turn out to be a value: at most the last
 * (longest value − 1) bytes, and only when they are the start of some value. Everything else is
 * passed on at once, so a prompt without a line break still shows.
 *
 * A stretch where one value occurs is replaced by that value's mask (clipia_live_••••7hQx, or ••••);
 * a stretch where occurrences overlap (of several values, or of one value with itself) becomes one
 * ••••, so no byte of any value shows.
 */
export class OutputMasker {
  private readonly patterns: Pattern[]
  private readonly longest: number
  /** Bytes received but not yet passed on (or consumed by a run). */
  private pending: Buffer = Buffer.alloc(0)
  /** Absolute offset of pending[0]. */
  private offset = 0
  private run: MaskedRun | null = null

  constructor(values: readonly string[], maskFor: (value: string) => string) {
    const unique = [...new Set(values.filter((value) => value.length > 0))]
    this.patterns = unique
      .map((value) => ({ bytes: Buffer.from(value, 'utf8'), mask: Buffer.from(maskFor(value), 'utf8') }))
      .sort((left, right) => right.bytes.length - left.bytes.length)
    this.longest = this.patterns[0]?.bytes.length ?? 0
  }

  /** The output to pass on for this chunk (possibly empty, while a value may be arriving). */
  push(chunk: Uint8Array): Buffer {
    if (this.patterns.length === 0) return Buffer.from(chunk)
    const data = this.pending.length
      ? Buffer.concat([this.pending, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    return this.scan(data, false)
  }

  /** What is still held back, masked where needed: call once the stream has ended. */
  end(): Buffer {
    if (this.patterns.length === 0) return Buffer.alloc(0)
    return this.scan(this.pending, true)
  }

  private scan(data: Buffer, final: boolean): Buffer {
    // Bytes before `settled` cannot belong to a value that is still arriving.
    const settled = final ? data.length : this.heldBackFrom(data)
    const output: Buffer[] = []
    let position = 0
    for (const occurrence of this.occurrencesIn(data, settled)) {
      const run = this.run
      const start = this.offset + occurrence.start
      const end = this.offset + occurrence.end
      if (run && start < run.end) {
        if (end > run.end) {
          run.exactly = start === run.start ? occurrence.pattern : null
          run.end = end
        }
        continue
      }
      if (run) {
        output.push(run.exactly?.mask ?? DOTS)
        position = Math.max(position, run.end - this.offset)
        this.run = null
      }
      output.push(data.subarray(position, occurrence.start))
      position = occurrence.start
      this.run = { start, end, exactly: occurrence.pattern }
    }
    const run = this.run
    if (run && run.end - this.offset <= settled) {
      output.push(run.exactly?.mask ?? DOTS)
      position = Math.max(position, run.end - this.offset)
      this.run = null
    }
    // A run still open covers every byte from `position` to past `settled`: those are masked when it
    // closes, not passed on. Either way, what is not settled yet is kept for the next chunk.
    if (!this.run) output.push(data.subarray(position, settled))
    this.pending = Buffer.from(data.subarray(settled))
    this.offset += settled
    return Buffer.concat(output)
  }

  /**
   * Where the longest tail of data that is the start of some value begins (data.length when no tail
   * is): an occurrence that begins before it lies wholly inside data.
   */
  private heldBackFrom(data: Buffer): number {
    const earliest = Math.max(0, data.length - (this.longest - 1))
    for (let start = earliest; start < data.length; start += 1) {
      const tail = data.subarray(start)
      if (
        this.patterns.some(
          (pattern) => pattern.bytes.length > tail.length && pattern.bytes.subarray(0, tail.length).equals(tail),
        )
      ) {
        return start
      }
    }
    return data.length
  }

  /** Occurrences of every value starting before `before`, by start, longest first at one start. */
  private occurrencesIn(data: Buffer, before: number): Occurrence[] {
    const found: Occurrence[] = []
    for (const pattern of this.patterns) {
      for (let at = data.indexOf(pattern.bytes); at !== -1 && at < before; at = data.indexOf(pattern.bytes, at + 1)) {
        found.push({ start: at, end: at + pattern.bytes.length, pattern })
      }
    }
    return found.sort((left, right) => left.start - right.start || right.end - left.end)
  }
}

/** A stream that masks the values in what flows through it. */
export const createMaskingStream = (values: readonly string[], maskFor: (value: string) => string): Transform => {
  const masker = new OutputMasker(values, maskFor)
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      const output = masker.push(chunk)
      done(null, output.length ? output : undefined)
    },
    flush(done: TransformCallback) {
      const output = masker.end()
      done(null, output.length ? output : undefined)
    },
  })
}
