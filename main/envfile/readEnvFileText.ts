// Reads a .env file chosen for import: small text, or a clear refusal.
import { readSmallTextFile } from '../common/readSmallTextFile'

export const MAX_ENV_FILE_BYTES = 1024 * 1024

export const readEnvFileText = (path: string): string =>
  readSmallTextFile(path, { maxBytes: MAX_ENV_FILE_BYTES, sizeInWords: '1 MB', what: 'a .env file' })
