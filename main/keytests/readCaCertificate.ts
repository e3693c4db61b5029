// Reads a CA certificate file to trust for a provider's auth tests (the app's dialog, the CLI's --ca):
// a PEM file holding at least one certificate Node can parse, and nothing too large.
import { X509Certificate } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { KeywardError } from '../common/errors'

const MAX_CA_FILE_BYTES = 256 * 1024

/** The file's certificates as PEM text (only the certificate blocks, one after another). */
export const readCaCertificate = (path: string): string => {
  let pem: string
  try {
    if (statSync(path).size > MAX_CA_FILE_BYTES) throw new KeywardError('invalid_argument', `${basename(path)} is too large to be a CA certificate.`)
    pem = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof KeywardError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message
    throw new KeywardError('io_error', `Could not read ${path}: ${reason}.`)
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
  if (blocks.length === 0) throw new KeywardError('invalid_argument', `${basename(path)} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`)
  for (const block of blocks) {
    try {
      new X509Certificate(block)
    } catch {
      throw new KeywardError('invalid_argument', `${basename(path)} holds a certificate Keyward cannot read.`)
    }
  }
  return blocks.join('\n')
}
