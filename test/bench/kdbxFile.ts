// A KeePass (KDBX 4) database at Keyward's own Argon2id cost, for the CLI benchmark's comparison with
// keepassxc-cli. keepassxc-cli 2.7 cannot choose a key derivation from the command line (db-create
// makes AES-KDF databases; only its window sets Argon2), so the benchmark writes the file itself with
// Argon2id's parameters in the header, and keepassxc-cli then adds an entry to it, saving it with its
// own writer (which keeps the header's KDF). readKdfParameters reads the cost back from what it saved.
// Format: KDBX 4 outer header with a KDF variant dictionary, header SHA-256 and HMAC, HMAC-SHA256
// blocks of AES-256-CBC over gzip(inner header + XML); protected values XORed with ChaCha20.
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { hashRawSync } from '@node-rs/argon2'
import type { KdfCost } from '../../main/vault/index'

const SIGNATURE = Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5])
const VERSION_4_0 = Buffer.from([0x00, 0x00, 0x04, 0x00])
const AES256_CIPHER = Buffer.from('31c1f2e6bf714350be5805216afc5aff', 'hex')
const ARGON2ID_KDF = Buffer.from('9e298b1956db4773b23dfc3ec6f0a1e6', 'hex')
const CHACHA20_STREAM = 3
const ARGON2_VERSION_13 = 0x13
/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2

const u32 = (value: number) => {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32LE(value)
  return bytes
}
const u64 = (value: bigint) => {
  const bytes = Buffer.alloc(8)
  bytes.writeBigUInt64LE(value)
  return bytes
}
const field = (id: number, data: Buffer) => Buffer.concat([Buffer.from([id]), u32(data.length), data])

/** A KDBX variant dictionary (version 1.0) of byte arrays, UInt32 and UInt64 values. */
const variantDictionary = (entries: [string, Buffer | number | bigint][]): Buffer => {
  const parts: Buffer[] = [Buffer.from([0x00, 0x01])]
  for (const [key, value] of entries) {
    const [type, data] =
      typeof value === 'number' ? [0x04, u32(value)] : typeof value === 'bigint' ? [0x05, u64(value)] : [0x42, value]
    const name = Buffer.from(key, 'utf8')
    parts.push(Buffer.from([type]), u32(name.length), name, u32(data.length), data)
  }
  parts.push(Buffer.from([0x00]))
  return Buffer.concat(parts)
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
const uuid = () => randomBytes(16).toString('base64')

/** The database's XML: one root group holding an entry per key (title = name, protected password = value). */
const databaseXml = (entries: readonly { title: string; password: string }[], protect: (value: string) => string) => {
  const parts = [
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<KeePassFile><Meta><Generator>Keyward benchmark</Generator>',
    '<DatabaseName>benchmark</DatabaseName><RecycleBinEnabled>False</RecycleBinEnabled></Meta>',
    `<Root><Group><UUID>${uuid()}</UUID><Name>Root</Name>`,
  ]
  for (const { title, password } of entries) {
    parts.push(
      `<Entry><UUID>${uuid()}</UUID><String><Key>Title</Key><Value>${escapeXml(title)}</Value></String>`,
      '<String><Key>UserName</Key><Value></Value></String>',
      `<String><Key>Password</Key><Value Protected="True">${protect(password)}</Value></String></Entry>`,
    )
  }
  parts.push('</Group></Root></KeePassFile>')
  return parts.join('')
}

/** The key a KDBX 4 file is encrypted under: Argon2id over SHA-256(SHA-256(password)), then the master seed. */
const fileKeys = (password: string, masterSeed: Buffer, salt: Buffer, cost: KdfCost) => {
  const composite = createHash('sha256').update(createHash('sha256').update(password, 'utf8').digest()).digest()
  const transformed = hashRawSync(composite, {
    algorithm: ARGON2ID,
    memoryCost: cost.memoryKiB,
    timeCost: cost.iterations,
    parallelism: cost.parallelism,
    outputLen: 32,
    salt,
  })
  const encryption = createHash('sha256').update(masterSeed).update(transformed).digest()
  const hmacBase = createHash('sha512')
    .update(masterSeed)
    .update(transformed)
    .update(Buffer.from([1]))
    .digest()
  const hmacKey = (index: bigint) => createHash('sha512').update(u64(index)).update(hmacBase).digest()
  return { encryption, hmacKey }
}

/** Writes a KDBX 4 database at `path`, Argon2id at `cost`, holding the entries under `password`. */
export const writeKdbx = (
  path: string,
  password: string,
  cost: KdfCost,
  entries: readonly { title: string; password: string }[],
): void => {
  const [masterSeed, iv, salt, streamKey] = [randomBytes(32), randomBytes(16), randomBytes(32), randomBytes(64)]
  const kdf = variantDictionary([
    ['$UUID', ARGON2ID_KDF],
    ['S', salt],
    ['P', cost.parallelism],
    ['M', BigInt(cost.memoryKiB) * 1024n],
    ['I', BigInt(cost.iterations)],
    ['V', ARGON2_VERSION_13],
  ])
  const header = Buffer.concat([
    SIGNATURE,
    VERSION_4_0,
    field(2, AES256_CIPHER),
    field(3, u32(1)), // gzip
    field(4, masterSeed),
    field(7, iv),
    field(11, kdf),
    field(0, Buffer.from('\r\n\r\n')),
  ])
  const { encryption, hmacKey } = fileKeys(password, masterSeed, salt, cost)
  // The inner random stream: ChaCha20 keyed by SHA-512 of the inner key (32 bytes key, 12 bytes nonce),
  // one stream across every protected value in document order.
  const streamHash = createHash('sha512').update(streamKey).digest()
  const stream = createCipheriv(
    'chacha20',
    streamHash.subarray(0, 32),
    Buffer.concat([u32(0), streamHash.subarray(32, 44)]),
  )
  const protect = (value: string) => stream.update(Buffer.from(value, 'utf8')).toString('base64')
  const innerHeader = Buffer.concat([field(1, u32(CHACHA20_STREAM)), field(2, streamKey), field(0, Buffer.alloc(0))])
  const plain = gzipSync(Buffer.concat([innerHeader, Buffer.from(databaseXml(entries, protect), 'utf8')]))
  const cipher = createCipheriv('aes-256-cbc', encryption, iv)
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()])
  const blocks: Buffer[] = []
  const block = (index: bigint, data: Buffer) => {
    const mac = createHmac('sha256', hmacKey(index)).update(u64(index)).update(u32(data.length)).update(data).digest()
    blocks.push(mac, u32(data.length), data)
  }
  const BLOCK_BYTES = 1024 * 1024
  let index = 0n
  for (let offset = 0; offset < encrypted.length; offset += BLOCK_BYTES, index += 1n) {
    block(index, encrypted.subarray(offset, offset + BLOCK_BYTES))
  }
  block(index, Buffer.alloc(0))
  const headerHash = createHash('sha256').update(header).digest()
  const headerMac = createHmac('sha256', hmacKey(0xffffffffffffffffn)).update(header).digest()
  writeFileSync(path, Buffer.concat([header, headerHash, headerMac, ...blocks]), { mode: 0o600 })
}

/** The KDF named in a KDBX 4 file's header, and its parameters as stored (memory in bytes). */
export const readKdfParameters = (path: string): Record<string, string> => {
  const file = readFileSync(path)
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error(`${path} is not a KeePass database`)
  for (let offset = 12; offset < file.length;) {
    const id = file[offset]!
    const size = file.readUInt32LE(offset + 1)
    const data = file.subarray(offset + 5, offset + 5 + size)
    offset += 5 + size
    if (id === 0) break
    if (id !== 11) continue
    const parameters: Record<string, string> = {}
    for (let at = 2; data[at] !== 0;) {
      const type = data[at]!
      const nameLength = data.readUInt32LE(at + 1)
      const name = data.subarray(at + 5, at + 5 + nameLength).toString('utf8')
      const valueLength = data.readUInt32LE(at + 5 + nameLength)
      const value = data.subarray(at + 9 + nameLength, at + 9 + nameLength + valueLength)
      at += 9 + nameLength + valueLength
      parameters[name] =
        name === '$UUID'
          ? value.equals(ARGON2ID_KDF)
            ? 'Argon2id'
            : value.toString('hex')
          : type === 0x04
            ? String(value.readUInt32LE())
            : type === 0x05
              ? String(value.readBigUInt64LE())
              : `${valueLength} bytes`
    }
    return parameters
  }
  throw new Error(`${path} has no KDF parameters (not KDBX 4)`)
}
