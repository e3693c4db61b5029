// Tells a secret from ordinary configuration in a .env file (PORT=3000, DEBUG=true), so an import
// preview ticks the keys and leaves the rest unticked.
import { knownPrefixOf } from '../providers/index'

const SECRET_WORDS = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIAL|AUTH|BEARER|PRIVATE)/i

/** Shannon entropy in bits per character. */
export const entropyOf = (text: string): number => {
  const counts = new Map<string, number>()
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1)
  let entropy = 0
  for (const count of counts.values()) {
    const share = count / text.length
    entropy -= share * Math.log2(share)
  }
  return entropy
}

export const looksLikeKey = (variable: string, value: string): boolean => {
  if (knownPrefixOf(value)) return true
  if (/^(https?:\/\/|\/|\.\/)/.test(value) && !SECRET_WORDS.test(variable)) return false
  if (SECRET_WORDS.test(variable)) return value.length >= 8
  return value.length >= 20 && !/\s/.test(value) && entropyOf(value) >= 3.5
}
