// A key's rotation state as a small coloured badge (the tones of the test outcomes): red expired,
// overdue, leaked or revoked, amber due soon, green ok.
import type { RotationState } from '../../../../preload/contract'
import { STATE_LOOKS } from '../../format/rotationStates'

interface RotationStateBadgeProps {
  state: RotationState
  size?: 'small' | 'normal'
}

export function RotationStateBadge({ state, size = 'normal' }: RotationStateBadgeProps) {
  const look = STATE_LOOKS[state]
  return (
    <span className={`outcome-badge outcome-badge-${size} tone-${look.tone}`} data-rotation-state={state}>
      <span className="outcome-dot" aria-hidden="true" />
      {look.label}
    </span>
  )
}
