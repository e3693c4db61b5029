// Tests of a matched value's shape that no pattern says alone: base64 of plain words, a JWT's parts
// decoding to JSON.

/** Base64 of plain words ("dummy text data"): a sample, not a key (a user:password pair decodes with ':' and digits). */
export const isEncodedProse = (value: string): boolean =>
  value.length >= 16 &&
  value.length % 4 === 0 &&
  /^[A-Za-z0-9+/]+={0,2}$/.test(value) &&
  /^[A-Za-z ,.]+$/.test(Buffer.from(value, 'base64').toString('latin1'))

/** Whether a base64url part decodes to a JSON object. */
const isJsonObject = (part: string): boolean => {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)
  } catch {
    return false
  }
}

/**
 * A header that reads as JSON without being strict JSON (`{"alg":'…","typ":"JWT"}`, a quote mistyped):
 * text between `{"` and `}`, no control character but tab and line ends, naming its "alg" (RFC 7515:
 * every JWS header does). Random base64 after eyJ decodes to control characters (a header with letters
 * typed into it), a header cut short has no closing brace.
 */
const LOOSE_HEADER = /^\{"[^]*\}\s*$/
const TAB = 9
const LINE_FEED = 10
const CARRIAGE_RETURN = 13
const DELETE = 0x7f
const isJsonLikeHeader = (part: string): boolean => {
  const bytes = Buffer.from(part, 'base64url')
  for (const byte of bytes) {
    if ((byte < 0x20 && byte !== TAB && byte !== LINE_FEED && byte !== CARRIAGE_RETURN) || byte === DELETE) return false
  }
  const decoded = bytes.toString('latin1')
  return LOOSE_HEADER.test(decoded) && decoded.includes('alg"')
}

/**
 * Whether `header.claims[.signature]` is a JWT: its claims decode to a JSON object; its header to one
 * too, or, when a signature follows, to JSON-like text (isJsonLikeHeader). Two parts with no signature
 * (an unsigned token, as detect-secrets takes them) must be strict JSON both.
 */
export const isJwtShaped = (token: string): boolean => {
  const parts = token.split('.')
  if (parts.length < 2 || !isJsonObject(parts[1]!)) return false
  return isJsonObject(parts[0]!) || (parts.length > 2 && parts[2] !== '' && isJsonLikeHeader(parts[0]!))
}
