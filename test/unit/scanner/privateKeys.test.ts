// Private keys as the tools write them, made fresh for each run (ssh-keygen of every type, with and
// without a passphrase; openssl's PKCS#8, PKCS#1, SEC1, encrypted and req keys), found on lines of their
// own, with CRLF line ends, and escaped inside JSON and YAML strings; documentation and binary noise not.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { escapedInJson, opensslKey, sshKeygen, type OpensslKeyKind, type SshKeyType } from '../../support/generatedKeys'
import { detectorFor } from './detectInProcess'

const { detect } = detectorFor()
const keyHits = (text: string | Buffer) => detect(text).filter((hit) => hit.ruleId === 'private-key')

const SSH_TYPES: SshKeyType[] = ['ed25519', 'rsa', 'ecdsa', 'dsa']
const OPENSSL_KINDS: OpensslKeyKind[] = [
  'rsa-pkcs8',
  'rsa-pkcs1',
  'ec-sec1',
  'ec-pkcs8',
  'ed25519-pkcs8',
  'rsa-pkcs8-encrypted',
  'req-rsa',
]

describe('private keys made by ssh-keygen', () => {
  for (const type of SSH_TYPES) {
    for (const passphrase of ['', 'correct horse battery']) {
      it(`finds a ${type} key ${passphrase ? 'with' : 'without'} a passphrase, whole file, CRLF and escaped in JSON`, () => {
        const key = sshKeygen(type, passphrase)
        const plain = keyHits(`# deploy key\n${key}`)
        expect(plain.map((hit) => [hit.line, hit.column])).toEqual([[2, 1]])
        expect(plain[0]!.redactedSecret).toBe('••••')
        expect(plain[0]!.snippet).toBe('-----BEGIN OPENSSH PRIVATE KEY----- ••••')
        expect(keyHits(key.replace(/\n/g, '\r\n'))).toHaveLength(1)
        const jsonText = `{"name": "deploy", "ssh_key": "${escapedInJson(key)}"}\n`
        const json = keyHits(jsonText)
        expect(json.map((hit) => [hit.line, hit.column])).toEqual([[1, jsonText.indexOf('-----BEGIN') + 1]])
        for (const line of key.split('\n').filter((line) => !line.startsWith('-----') && line.length > 20)) {
          expect(json[0]!.snippet).not.toContain(line.slice(0, 20))
        }
      })
    }
  }
})

describe('private keys made by openssl', () => {
  for (const kind of OPENSSL_KINDS) {
    it(`finds a ${kind} key, in a file and escaped in a service-account JSON and a YAML string`, () => {
      const key = opensslKey(kind)
      expect(keyHits(key)).toHaveLength(1)
      const serviceAccount = JSON.stringify(
        {
          type: 'service_account',
          private_key_id: 'abc',
          private_key: key,
          client_email: 'a@b.iam.gserviceaccount.com',
        },
        null,
        2,
      )
      expect(keyHits(serviceAccount)).toHaveLength(1)
      expect(keyHits(`tls:\n  key: "${escapedInJson(key)}"\n`)).toHaveLength(1)
      // The same key double-escaped, as in a JSON string inside a JSON string.
      expect(keyHits(`{"config": "{\\"key\\": \\"${escapedInJson(key).replace(/\\n/g, '\\\\n')}\\"}"}`)).toHaveLength(1)
    })
  }
})

describe('not private keys', () => {
  it('passes elided and placeholder bodies, a public key, and a BEGIN line alone', () => {
    const texts = [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n',
      '-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----\n',
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${'A'.repeat(70)}\n${'A'.repeat(70)}\n${'A'.repeat(40)}\n-----END OPENSSH PRIVATE KEY-----\n`,
      '{"private_key": "-----BEGIN PRIVATE KEY-----\\n<your private key here>\\n-----END PRIVATE KEY-----\\n"}',
      `{"private_key": "-----BEGIN PRIVATE KEY-----\\n${'x'.repeat(64)}\\n${'x'.repeat(64)}\\n-----END PRIVATE KEY-----\\n"}`,
      "const header = '-----BEGIN PRIVATE KEY-----'",
    ]
    for (const text of texts) expect(keyHits(text), text).toEqual([])
  })

  it('finds nothing in binary noise between PEM markers', () => {
    for (let round = 0; round < 20; round++) {
      const noise = randomBytes(4096)
      const text = Buffer.concat([
        Buffer.from('-----BEGIN RSA PRIVATE KEY-----\n'),
        noise,
        Buffer.from('\n-----END RSA PRIVATE KEY-----\n'),
      ])
      expect(keyHits(text)).toEqual([])
    }
  })

  it('finds nothing in printable noise between PEM markers (text, so read, not skipped as binary)', () => {
    for (let round = 0; round < 20; round++) {
      // Every printable ASCII character but the space: lines of base64-looking runs and punctuation.
      const noise = Buffer.from(Array.from(randomBytes(4096), (byte) => 33 + (byte % 94)))
      const text = Buffer.concat([
        Buffer.from('-----BEGIN PRIVATE KEY-----\n'),
        noise,
        Buffer.from('\n-----END PRIVATE KEY-----\n'),
      ])
      // No rule at all: not a key, and no token or assignment out of the noise either.
      expect(detect(text)).toEqual([])
    }
  })
})
