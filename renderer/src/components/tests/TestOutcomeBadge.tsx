// An auth-test outcome as a small coloured badge: green valid, red invalid or expired, amber forbidden
// or quota, grey-blue for "try later" (rate limited, network, unclear); "Not tested" when there is none.
import type { TestOutcome } from '../../../../preload/contract'
import { OUTCOME_LOOKS } from '../../format/testOutcomes'

interface TestOutcomeBadgeProps {
  outcome: TestOutcome | null
  size?: 'small' | 'normal'
}

export function TestOutcomeBadge({ outcome, size = 'normal' }: TestOutcomeBadgeProps) {
  const look = outcome ? OUTCOME_LOOKS[outcome] : null
  return (
    <span
      className={`outcome-badge outcome-badge-${size} ${look ? `tone-${look.tone}` : 'tone-none'}`}
      data-outcome={outcome ?? 'none'}
    >
      <span className="outcome-dot" aria-hidden="true" />
      {look ? look.label : 'Not tested'}
    </span>
  )
}
