// Tests of a matched value's shape that no pattern says alone: base64 of plain words, a JWT's parts
// decoding to JSON.
/** Base64 of plain words ("dummy text data"): a sample, not a key (a user:password pair decodes with ':' and digits). */
export const isEncodedProse = (value: string): boolean =>
  value.length >= 16 &&
  value.length % 4 === 0 &&
  /^[A-Za-z0-9+/]+={0,2}$/.test(value) &&
  /^[A-Za-z ,.]+$/.test(Buffer.from(value, 'base64').toString('latin1'))

/** Whether the first `count` `.`-separated parts of a token are base64url of JSON objects (a JWT's header and claims). */
export const segmentsAreJson = (token: string, count: number): boolean =>
  token
    .split('.')
    .slice(0, count)
    .every((segment) => {
      try {
        const decoded: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
        return typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)
      } catch {
        return false
      }
    })
