// Reads a file the user named that should be small text (.env, a provider definition, a CA
// certificate), refusing one too large to be that, with errors that say what went wrong.
import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { KeywardError } from './errors'

export const readSmallTextFile = (
  path: string,
  limit: { maxBytes: number; sizeInWords: string; what: string },
): string => {
  try {
    if (statSync(path).size > limit.maxBytes) {
      throw new KeywardError(
        'invalid_argument',
        `${basename(path)} is larger than ${limit.sizeInWords}; that is not ${limit.what}.`,
      )
    }
    return readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof KeywardError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message
    throw new KeywardError('io_error', `Could not read ${path}: ${reason}.`)
  }
}
