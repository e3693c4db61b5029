// An auth-test outcome as a small coloured badge: green valid, red rejected or expired, amber forbidden
// or quota, grey-blue for "try later" (rate limited, network, unclear); "Not tested" when there is none.
import { OUTCOME_WORDS, type TestOutcome } from '#contract'

interface TestOutcomeBadgeProps {
  outcome: TestOutcome | null
  size?: 'small' | 'normal'
}

export function TestOutcomeBadge({ outcome, size = 'normal' }: TestOutcomeBadgeProps) {
  const look = OUTCOME_WORDS[outcome ?? 'not_tested']
  return (
    <span className={`outcome-badge outcome-badge-${size} tone-${look.tone}`} data-outcome={outcome ?? 'none'}>
      <span className="outcome-dot" aria-hidden="true" />
      {look.word}
    </span>
  )
}
