// The end of the rotate flow: what happened, in one place.
import type { RotationFlow } from '#contract'

export function RotationDoneStep({ flow }: { flow: RotationFlow }) {
  return (
    <div className="rotation-step-body rotation-done" role="status">
      <p className="rotation-done-title">Rotation finished</p>
      <p className="rotation-step-text">
        v{flow.newVersion} <code className="masked-value">{flow.newValueMasked}</code> is current; v{flow.oldVersion}{' '}
        <code className="masked-value">{flow.oldValueMasked}</code> is revoked. The due date starts again from today.
      </p>
    </div>
  )
}
