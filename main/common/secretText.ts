// Secret text, one rule each: how a secret is masked wherever it is not explicitly revealed, and how
// random a text looks. Used by the vault, the scanner, .env import and the CLI.

/** What stands for the hidden part of a secret. */
export const DOTS = '••••'

/** Characters that must stay hidden before the last four may be shown. */
const MINIMUM_HIDDEN = 12

/**
 * A secret as shown: its known prefix (given by the caller, from the providers' prefixes), dots, and
 * the last four characters only when enough stays hidden (`clipia_live_••••7hQx`).
 */
export const maskSecret = (secret: string, knownPrefix: string): string => {
  const rest = Array.from(secret.slice(knownPrefix.length))
  if (rest.length < MINIMUM_HIDDEN + 4) return `${knownPrefix}${DOTS}`
  return `${knownPrefix}${DOTS}${rest.slice(-4).join('')}`
}

/** Shannon entropy in bits per character. */
export const shannonEntropy = (text: string): number => {
  const counts = new Map<string, number>()
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1)
  let entropy = 0
  for (const count of counts.values()) {
    const share = count / text.length
    entropy -= share * Math.log2(share)
  }
  return entropy
}
