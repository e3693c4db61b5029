// Tells a secret from ordinary configuration in a .env file (PORT=3000, DEBUG=true), so an import
// preview ticks the keys and leaves the rest unticked.
import { shannonEntropy } from '../common/secretText'
import { knownPrefixOf } from '../providers/index'

const SECRET_WORDS = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIAL|AUTH|BEARER|PRIVATE)/i

export const looksLikeKey = (variable: string, value: string): boolean => {
  if (knownPrefixOf(value)) return true
  if (/^(https?:\/\/|\/|\.\/)/.test(value) && !SECRET_WORDS.test(variable)) return false
  if (SECRET_WORDS.test(variable)) return value.length >= 8
  return value.length >= 20 && !/\s/.test(value) && shannonEntropy(value) >= 3.5
}
