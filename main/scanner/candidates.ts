// What detection holds for a span of text before it becomes a hit, and how overlapping spans (a rule's
// match and a vault value on the same text) become one.

export interface Candidate {
  ruleId: string
  start: number
  end: number
  vaultEntry: number | null
  variable: string | null
  /** Where the secret's line is masked from (a private key hides its whole body). */
  knownPrefix: string
  /** A private key: its body on lines of their own, or escaped inside one string (`\n`), with where its BEGIN is. */
  block?: { form: 'lines' } | { form: 'escaped'; beginAt: number }
  /** Nothing of it shown, not even its last four (a URL's user:password). */
  maskWhole?: boolean
}

/** One candidate per span: a vault match joins the rule match on the same text. */
export const mergeCandidates = (candidates: Candidate[]): Candidate[] => {
  candidates.sort((left, right) => left.start - right.start || right.end - left.end)
  const merged: Candidate[] = []
  for (const candidate of candidates) {
    const previous = merged[merged.length - 1]
    if (previous && candidate.start < previous.end) {
      if (
        candidate.vaultEntry === null &&
        previous.vaultEntry !== null &&
        previous.ruleId === 'vault-value' &&
        candidate.start === previous.start &&
        candidate.end === previous.end
      ) {
        // A rule saw the same value the vault knows: name the rule, keep the vault key.
        previous.ruleId = candidate.ruleId
        previous.variable = candidate.variable
      }
      if (candidate.vaultEntry !== null && previous.vaultEntry === null) {
        // The vault knows this exact value: that is the stronger finding, whatever rule saw it first.
        previous.vaultEntry = candidate.vaultEntry
        if (previous.end !== candidate.end || previous.start !== candidate.start) {
          previous.start = candidate.start
          previous.end = candidate.end
          previous.ruleId = 'vault-value'
        }
      }
      continue
    }
    merged.push({ ...candidate })
  }
  return merged
}
