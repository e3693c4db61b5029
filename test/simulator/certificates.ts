// A throwaway certificate authority and server certificate, made at test time with node:crypto alone
// (no openssl binary, no npm package, no network): the few DER structures X.509 needs, signed ECDSA.
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto'
import { isIP } from 'node:net'

export interface TestCertificates {
  /** PEM of the throwaway CA: the only thing a client needs to trust. */
  caCertificatePem: string
  serverCertificatePem: string
  serverPrivateKeyPem: string
  /** The names (DNS and IP) the server certificate is valid for. */
  subjectAltNames: string[]
}

export interface CertificateRequest {
  /** DNS names and IP addresses to put in the server certificate's subjectAltName. */
  names: string[]
  /** Validity starts a day before this (real) time, so small clock skews never fail a handshake. */
  now?: Date
  validDays?: number
}

// --- DER, only as much as a certificate needs ---

const encodeLength = (length: number): Buffer => {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}
const tagged = (tag: number, content: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content])
const sequence = (...items: Buffer[]): Buffer => tagged(0x30, Buffer.concat(items))
const set = (...items: Buffer[]): Buffer => tagged(0x31, Buffer.concat(items))
const explicit = (slot: number, content: Buffer): Buffer => tagged(0xa0 + slot, content)
const octetString = (content: Buffer): Buffer => tagged(0x04, content)
const bitString = (content: Buffer, unusedBits = 0): Buffer =>
  tagged(0x03, Buffer.concat([Buffer.from([unusedBits]), content]))
const booleanTrue = (): Buffer => Buffer.from([0x01, 0x01, 0xff])
const utf8String = (text: string): Buffer => tagged(0x0c, Buffer.from(text, 'utf8'))

const positiveInteger = (bytes: Buffer): Buffer => {
  let content = bytes
  while (content.length > 1 && content[0] === 0 && (content[1]! & 0x80) === 0) content = content.subarray(1)
  if ((content[0]! & 0x80) !== 0) content = Buffer.concat([Buffer.from([0]), content])
  return tagged(0x02, content)
}

const objectIdentifier = (dotted: string): Buffer => {
  const parts = dotted.split('.').map(Number)
  const bytes: number[] = [40 * parts[0]! + parts[1]!]
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f]
    for (let rest = Math.floor(part / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift((rest & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return tagged(0x06, Buffer.from(bytes))
}

// UTCTime covers 1950–2049, GeneralizedTime after; RFC 5280 requires that split.
const time = (date: Date): Buffer => {
  const iso = date.toISOString()
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '')
  return date.getUTCFullYear() < 2050
    ? tagged(0x17, Buffer.from(`${digits.slice(2)}Z`))
    : tagged(0x18, Buffer.from(`${digits}Z`))
}

const oid = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
}

const name = (commonName: string): Buffer =>
  sequence(
    set(sequence(objectIdentifier(oid.organization), utf8String('Keyward test simulator'))),
    set(sequence(objectIdentifier(oid.commonName), utf8String(commonName))),
  )

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  critical
    ? sequence(objectIdentifier(id), booleanTrue(), octetString(value))
    : sequence(objectIdentifier(id), octetString(value))

const ipAddressBytes = (address: string): Buffer => {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number))
  // IPv6: expand "::" then write eight 16-bit groups.
  const [head = '', tail = ''] = address.split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = tail ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups
  const bytes = Buffer.alloc(16)
  groups.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2))
  return bytes
}

const subjectAltName = (names: string[]): Buffer =>
  sequence(
    ...names.map((entry) =>
      isIP(entry) ? tagged(0x87, ipAddressBytes(entry)) : tagged(0x82, Buffer.from(entry, 'ascii')),
    ),
  )

const publicKeyIdentifier = (publicKey: KeyObject): Buffer => {
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha1').update(spki).digest()
}

interface Issued {
  der: Buffer
  pem: string
}

const issue = (options: {
  subject: string
  issuer: string
  publicKey: KeyObject
  signingKey: KeyObject
  issuerPublicKey: KeyObject
  notBefore: Date
  notAfter: Date
  extensions: Buffer[]
}): Issued => {
  const signatureAlgorithm = sequence(objectIdentifier(oid.ecdsaWithSha256))
  const serial = randomBytes(16)
  serial[0] = serial[0]! & 0x7f
  const extensions = [
    ...options.extensions,
    extension(oid.subjectKeyIdentifier, false, octetString(publicKeyIdentifier(options.publicKey))),
    extension(oid.authorityKeyIdentifier, false, sequence(tagged(0x80, publicKeyIdentifier(options.issuerPublicKey)))),
  ]
  const toBeSigned = sequence(
    explicit(0, positiveInteger(Buffer.from([2]))),
    positiveInteger(serial),
    signatureAlgorithm,
    name(options.issuer),
    sequence(time(options.notBefore), time(options.notAfter)),
    name(options.subject),
    options.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  )
  const signature = sign('sha256', toBeSigned, options.signingKey)
  const der = sequence(toBeSigned, signatureAlgorithm, bitString(signature))
  const base64 = der.toString('base64').replace(/.{1,64}/g, '$&\n')
  return { der, pem: `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n` }
}

/** Makes a fresh CA and a server certificate for `names`, checked with Node's own X509 parser. */
export const generateTestCertificates = (request: CertificateRequest): TestCertificates => {
  if (request.names.length === 0) throw new Error('A server certificate needs at least one name.')
  const now = request.now ?? new Date()
  const notBefore = new Date(now.getTime() - 24 * 3600_000)
  const notAfter = new Date(now.getTime() + (request.validDays ?? 30) * 24 * 3600_000)
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const caName = `Keyward simulator CA ${randomBytes(4).toString('hex')}`

  const caCertificate = issue({
    subject: caName,
    issuer: caName,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    issuerPublicKey: ca.publicKey,
    notBefore,
    notAfter,
    extensions: [
      extension(oid.basicConstraints, true, sequence(booleanTrue())),
      // keyCertSign and cRLSign: bits 5 and 6, so one unused bit.
      extension(oid.keyUsage, true, bitString(Buffer.from([0x06]), 1)),
    ],
  })
  const serverCertificate = issue({
    subject: request.names.find((entry) => isIP(entry) === 0) ?? request.names[0]!,
    issuer: caName,
    publicKey: server.publicKey,
    signingKey: ca.privateKey,
    issuerPublicKey: ca.publicKey,
    notBefore,
    notAfter,
    extensions: [
      extension(oid.basicConstraints, true, sequence()),
      // digitalSignature: bit 0, so seven unused bits.
      extension(oid.keyUsage, true, bitString(Buffer.from([0x80]), 7)),
      extension(oid.extendedKeyUsage, false, sequence(objectIdentifier(oid.serverAuth))),
      extension(oid.subjectAltName, false, subjectAltName(request.names)),
    ],
  })

  // Fail here, with a clear message, rather than in a handshake far away.
  const parsedCa = new X509Certificate(caCertificate.der)
  const parsedServer = new X509Certificate(serverCertificate.der)
  if (!parsedCa.ca || !parsedServer.checkIssued(parsedCa) || !parsedServer.verify(ca.publicKey)) {
    throw new Error('The generated test certificate does not verify against its CA.')
  }

  return {
    caCertificatePem: caCertificate.pem,
    serverCertificatePem: serverCertificate.pem,
    serverPrivateKeyPem: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    subjectAltNames: [...request.names],
  }
}
