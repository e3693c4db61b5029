// An in-memory clipboard, asynchronous like Electron's.
import type { ClipboardLike } from '../../main/clipboard/index'

export class MemoryClipboard implements ClipboardLike {
  text = ''
  async readText(): Promise<string> {
    return this.text
  }
  async writeText(text: string): Promise<void> {
    this.text = text
  }
}
