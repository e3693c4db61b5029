// Reading what was piped into the CLI: the first line (a password) or everything (a key value).
import { StringDecoder } from 'node:string_decoder'
import { KeywardError } from '../common/errors'

const MAX_LINE_CHARACTERS = 4096

/** The first line of a stream, without its line break; stops reading there. */
export const readFirstLine = async (stream: NodeJS.ReadableStream, what: string): Promise<string> => {
  const decoder = new StringDecoder('utf8')
  let text = ''
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer)
    const end = text.indexOf('\n')
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '')
    if (text.length > MAX_LINE_CHARACTERS) {
      throw new KeywardError(
        'invalid_argument',
        `The first line of stdin (${what}) is longer than ${MAX_LINE_CHARACTERS} characters.`,
      )
    }
  }
  return (text + decoder.end()).replace(/\r$/, '')
}

/**
 * Everything up to the end of the stream, without one trailing line break (the one `echo` adds).
 * Refuses more than maxBytes, so a wrong pipe cannot fill memory.
 */
export const readAllWithoutFinalNewline = async (
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  what: string,
): Promise<string> => {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    total += bytes.length
    if (total > maxBytes + 2) {
      throw new KeywardError(
        'invalid_argument',
        `${what} on stdin is larger than ${Math.round(maxBytes / 1024)} KB; nothing was stored.`,
      )
    }
    chunks.push(bytes)
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}
