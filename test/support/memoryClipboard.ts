// An in-memory clipboard with the system clipboard's two calls.
import type { ClipboardLike } from '../../main/clipboard/index'

export class MemoryClipboard implements ClipboardLike {
  text = ''
  readText(): string {
    return this.text
  }
  writeText(text: string): void {
    this.text = text
  }
}
