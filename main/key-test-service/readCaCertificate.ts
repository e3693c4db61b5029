// Reads a CA certificate file to trust for a provider's auth tests (the app's dialog, the CLI's --ca):
// a PEM file holding at least one certificate Node can parse, and nothing too large.
import { X509Certificate } from 'node:crypto'
import { readSmallTextFile } from '../common/readSmallTextFile'
import { basename } from 'node:path'
import { KeywardError } from '../common/errors'

const MAX_CA_FILE_BYTES = 256 * 1024

/** The file's certificates as PEM text (only the certificate blocks, one after another). */
export const readCaCertificate = (path: string): string => {
  const pem = readSmallTextFile(path, { maxBytes: MAX_CA_FILE_BYTES, sizeInWords: '256 KB', what: 'a CA certificate' })
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
  if (blocks.length === 0)
    throw new KeywardError(
      'invalid_argument',
      `${basename(path)} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`,
    )
  for (const block of blocks) {
    try {
      new X509Certificate(block)
    } catch {
      throw new KeywardError('invalid_argument', `${basename(path)} holds a certificate Keyward cannot read.`)
    }
  }
  return blocks.join('\n')
}
