// A key's rotation state as a small coloured badge (the tones of the test outcomes): red expired,
// overdue, leaked or rejected, amber due soon, green ok.
import { ROTATION_STATE_WORDS, type RotationState } from '#contract'

interface RotationStateBadgeProps {
  state: RotationState
  size?: 'small' | 'normal'
}

export function RotationStateBadge({ state, size = 'normal' }: RotationStateBadgeProps) {
  const look = ROTATION_STATE_WORDS[state]
  return (
    <span className={`outcome-badge outcome-badge-${size} tone-${look.tone}`} data-rotation-state={state}>
      <span className="outcome-dot" aria-hidden="true" />
      {look.word}
    </span>
  )
}
