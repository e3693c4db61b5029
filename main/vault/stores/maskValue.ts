// How a secret is shown wherever it is not explicitly revealed: its known prefix, dots, and the
// last four characters, and only when enough stays hidden (`clipia_live_••••7hQx`).
import { knownPrefixOf } from '../../providers/index'

const DOTS = '••••'
/** Characters that must stay hidden before the last four may be shown. */
const MINIMUM_HIDDEN = 12

export const maskValue = (value: string): string => {
  const prefix = knownPrefixOf(value)
  const rest = value.slice(prefix.length)
  const characters = Array.from(rest)
  if (characters.length < MINIMUM_HIDDEN + 4) return `${prefix}${DOTS}`
  return `${prefix}${DOTS}${characters.slice(-4).join('')}`
}
