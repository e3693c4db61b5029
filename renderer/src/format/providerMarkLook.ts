// How a provider's mark looks: two letters on a colour of its own. The built-in providers have theirs
// chosen by hand, because five of them start with "C" (Clodura, Cloro, Clipia, and Airclou and
// AgentClara beside them) and a first letter alone would not tell them apart; a provider the user
// adds gets letters from its name and a colour from its id, the same every time it is shown.
export const PROVIDER_HUE_COUNT = 8

interface MarkLook {
  letters: string
  hue: number
}

/** Every pair differs from every other built-in's in letters and, among the five "C"s, in colour too. */
const BUILT_IN_LOOKS: Record<string, MarkLook> = {
  clodura: { letters: 'Cd', hue: 0 },
  cloro: { letters: 'Cr', hue: 1 },
  agentclara: { letters: 'AC', hue: 2 },
  airclou: { letters: 'Ai', hue: 4 },
  clipia: { letters: 'Cp', hue: 6 },
  aws: { letters: 'AW', hue: 4 },
  github: { letters: 'GH', hue: 7 },
  slack: { letters: 'Sl', hue: 2 },
  stripe: { letters: 'St', hue: 0 },
}

const hueOf = (provider: string): number => {
  let hash = 0
  for (const character of provider.toLowerCase()) hash = (hash * 31 + character.charCodeAt(0)) >>> 0
  return hash % PROVIDER_HUE_COUNT
}

/** "Acme Cloud" → "AC", "MyProvider" → "MP", "acme" → "Ac": word initials, else the first two letters. */
export const initialsOf = (name: string): string => {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  const [first, second] = words
  if (!first) return '?'
  const letters = (word: string) => [...new Intl.Segmenter().segment(word)].map((part) => part.segment)
  if (second) return `${letters(first)[0]}${letters(second)[0]}`.toUpperCase()
  const [one = '', two = ''] = letters(first)
  return `${one.toUpperCase()}${two.toLowerCase()}`
}

/** The mark for a provider id and its display name; null for a key without a provider. */
export const providerMarkLook = (provider: string | null, name: string): MarkLook | null => {
  if (!provider) return null
  return BUILT_IN_LOOKS[provider.toLowerCase()] ?? { letters: initialsOf(name), hue: hueOf(provider) }
}
