// The line around an offset of the text being scanned, kept between questions: a run's events come in
// order, many on one line, and a minified line can be megabytes, so each line is looked up once.
import { isBase64LineBytes } from './byteTests'

const NEWLINE = 10

export class LineCursor {
  private text: Buffer | null = null
  /** The line last asked about: [start, end), end at its newline or the text's end. */
  start = 0
  end = -1
  private base64: boolean | null = null

  /** Forgets the line: the kernel's buffer is refilled in place for the next text. */
  reset(): void {
    this.text = null
  }

  /** Moves to the line around `at`, unless it is already there. */
  around(text: Buffer, at: number): void {
    if (this.text === text && at >= this.start && at <= this.end) return
    this.text = text
    this.start = at === 0 ? 0 : text.lastIndexOf(NEWLINE, at - 1) + 1
    const end = text.indexOf(NEWLINE, at)
    this.end = end < 0 ? text.length : end
    this.base64 = null
  }

  startOf(text: Buffer, at: number): number {
    this.around(text, at)
    return this.start
  }

  endOf(text: Buffer, at: number): number {
    this.around(text, at)
    return this.end
  }

  /** Whether the line around `at` is one of a key block's base64 lines (asked once a line). */
  isBase64Line(text: Buffer, at: number): boolean {
    this.around(text, at)
    this.base64 ??= this.end - this.start >= 40 && isBase64LineBytes(text, this.start, this.end)
    return this.base64
  }
}
