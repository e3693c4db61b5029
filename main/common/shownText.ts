// Names and references quoted in messages with control characters written as visible escapes, so a
// key's name or a template's text cannot rewrite the terminal that shows the message.
const UNPRINTABLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

export const shownText = (text: string): string =>
  text.replace(UNPRINTABLE, (character) => {
    const code = character.codePointAt(0)!
    if (character === '\n') return '\\n'
    if (character === '\r') return '\\r'
    if (character === '\t') return '\\t'
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })

/** A key's name in double quotes, as messages show it. */
export const quotedName = (name: string): string => `"${shownText(name)}"`
