// Rotations started and not finished (the app quit, the dialog was closed half way): each with the
// step it stopped at and Resume, above the list, so none is forgotten with a new value pending.
import { openRotateDialog } from '../../actions/openRotateDialog'
import { useRotationStore } from '../../stores/rotationStore'

export function RotationFlowsInProgress() {
  const flows = useRotationStore((state) => state.flows)
  if (flows.length === 0) return null
  return (
    <section className="rotation-flows" aria-labelledby="rotation-flows-title">
      <h2 id="rotation-flows-title" className="rotation-flows-title">
        In progress
      </h2>
      <ul className="rotation-flow-list" aria-label="Rotations in progress">
        {flows.map((flow) => (
          <li key={flow.keyId} className="rotation-flow-item">
            <span className="rotation-flow-name">{flow.keyName}</span>
            <span className="rotation-flow-step" title={flow.nextStepInWords}>
              {flow.nextStep === 'test'
                ? flow.test
                  ? 'new value tested, not made current'
                  : 'new value pasted, not tested'
                : flow.nextStep === 'promote'
                  ? 'new value works, not made current'
                  : 'old value still to revoke'}
            </span>
            <button
              type="button"
              className="button button-small"
              onClick={() => openRotateDialog(flow.keyId, flow.keyName)}
            >
              Resume
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
