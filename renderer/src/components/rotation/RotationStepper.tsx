// The rotate flow's steps in a row: done ones ticked, the current one marked, the rest waiting.
import { ROTATION_STEPS } from '../../format/rotationStates'

export function RotationStepper({ current }: { current: number }) {
  return (
    <ol className="rotation-stepper" aria-label="Rotation steps">
      {ROTATION_STEPS.map((label, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'todo'
        return (
          <li
            key={label}
            className={`rotation-step step-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="rotation-step-mark" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <span className="rotation-step-label">
              {label}
              {state === 'done' ? <span className="visually-hidden"> (done)</span> : null}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
