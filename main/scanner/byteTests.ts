// Byte-level versions of checks detection makes on every run the kernel reports, so that the common
// answer ("no") costs a few byte reads rather than a string copied out of the text and a regular
// expression over it. Each gives exactly what its regular expression gives on the latin1 string of
// the same bytes (the scanner reads text as latin1 for its rules).

const BASE64_BODY = new Uint8Array(256)
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  BASE64_BODY[character.charCodeAt(0)] = 1
/** What `\s` matches among latin1's characters: \t \n \v \f \r, space and no-break space (U+00A0). */
const WHITESPACE = new Uint8Array(256)
for (const code of [9, 10, 11, 12, 13, 32, 160]) WHITESPACE[code] = 1
const EQUALS = 0x3d

/**
 * Whether `text[start, end)` read as latin1 matches /^\s*[A-Za-z0-9+/]+={0,2}\s*$/ (a line of a key
 * block's base64): blanks, one or more base64 characters, at most two '=', blanks. The three classes
 * are apart, so one pass from the left decides; most lines of code stop at their first word's end.
 */
export const isBase64LineBytes = (text: Uint8Array, start: number, end: number): boolean => {
  let at = start
  while (at < end && WHITESPACE[text[at]!]) at++
  const bodyStart = at
  while (at < end && BASE64_BODY[text[at]!]) at++
  if (at === bodyStart) return false
  if (at < end && text[at] === EQUALS) at++
  if (at < end && text[at] === EQUALS) at++
  while (at < end && WHITESPACE[text[at]!]) at++
  return at === end
}
