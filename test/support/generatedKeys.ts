// Real private keys made by the tools people use (ssh-keygen, openssl), fresh per call, for the
// scanner's tests: no key is kept in the repository, and each is the exact text the tool writes.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const inTemp = <Result>(make: (directory: string) => Result): Result => {
  const directory = mkdtempSync(join(tmpdir(), 'keyward-keys-'))
  try {
    return make(directory)
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

export type SshKeyType = 'ed25519' | 'rsa' | 'ecdsa' | 'dsa'

/** `ssh-keygen -t TYPE -N PASSPHRASE`: the OpenSSH private key file's text (unencrypted with no passphrase). */
export const sshKeygen = (type: SshKeyType, passphrase = ''): string =>
  inTemp((directory) => {
    const file = join(directory, 'id')
    const size = type === 'rsa' ? ['-b', '2048'] : []
    execFileSync(
      'ssh-keygen',
      ['-q', '-t', type, ...size, '-N', passphrase, '-C', 'test@keyward.invalid', '-f', file],
      { stdio: 'ignore' },
    )
    return readFileSync(file, 'utf8')
  })

export type OpensslKeyKind =
  | 'rsa-pkcs8'
  | 'rsa-pkcs1'
  | 'ec-sec1'
  | 'ec-pkcs8'
  | 'ed25519-pkcs8'
  | 'rsa-pkcs8-encrypted'
  | 'req-rsa'

/** A PEM private key as `openssl genpkey` (PKCS#8), `openssl pkey -traditional` (PKCS#1, SEC1) or `openssl req -newkey` writes it. */
export const opensslKey = (kind: OpensslKeyKind): string =>
  inTemp((directory) => {
    const file = join(directory, 'key.pem')
    const run = (...args: string[]) =>
      execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'ignore'], cwd: directory })
    switch (kind) {
      case 'rsa-pkcs8':
        run('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file)
        break
      case 'rsa-pkcs8-encrypted':
        run(
          'genpkey',
          '-algorithm',
          'RSA',
          '-pkeyopt',
          'rsa_keygen_bits:2048',
          '-aes-256-cbc',
          '-pass',
          'pass:keyward-test',
          '-out',
          file,
        )
        break
      case 'rsa-pkcs1':
        run('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', join(directory, 'p8.pem'))
        run('pkey', '-in', join(directory, 'p8.pem'), '-traditional', '-out', file)
        break
      case 'ec-pkcs8':
        run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file)
        break
      case 'ec-sec1':
        run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file)
        break
      case 'ed25519-pkcs8':
        run('genpkey', '-algorithm', 'ED25519', '-out', file)
        break
      case 'req-rsa':
        run(
          'req',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          file,
          '-subj',
          '/CN=keyward.invalid',
          '-out',
          join(directory, 'req.csr'),
        )
        break
    }
    return readFileSync(file, 'utf8')
  })

/** A key file's text as it sits inside a JSON string (a cloud service-account file): newlines as \n. */
export const escapedInJson = (pem: string): string => JSON.stringify(pem).slice(1, -1)
