// The rotate flow as a small stepper: new value → test it → make it current → update your services →
// confirm the old key is revoked. Every step is kept by main as it happens, so closing the dialog (or
// the app) loses nothing: opening it again resumes at the step it stopped. Cancel is possible until
// the new value is made current; after that the way back is another rotation.
import { useEffect, useRef, useState } from 'react'
import { useProviderNames } from '../../hooks/useProviderNames'
import { useRotationFlow } from '../../hooks/useRotationFlow'
import { useRotationStore } from '../../stores/rotationStore'
import { useUiStore } from '../../stores/uiStore'
import { Dialog } from '../shared/Dialog'
import { ErrorMessage } from '../shared/ErrorMessage'
import { NEW_VALUE_FORM_ID, NewValueStep } from './NewValueStep'
import { RevokeOldStep } from './RevokeOldStep'
import { RotationDoneStep } from './RotationDoneStep'
import { RotationStepper } from './RotationStepper'
import { TestNewValueStep } from './TestNewValueStep'
import { UpdateServicesStep } from './UpdateServicesStep'

// Longer than 80 lines: the four steps share the flow's state and the dialog's busy and error
// state; each step's body is already its own component.
export function RotateKeyDialog({ keyId, keyName }: { keyId: string; keyName: string }) {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const providerId = useRotationStore((state) => state.records[keyId]?.provider ?? null)
  const providerName = useProviderNames()(providerId)
  const { flow, loaded, busy, error, setError, start, test, promote, confirmRevoked, cancel } = useRotationFlow(keyId)
  const [servicesUpdated, setServicesUpdated] = useState(false)
  // Whether the dialog opened on a rotation already in progress (said once, in the subtitle).
  const resumed = useRef<boolean | null>(null)
  if (loaded && resumed.current === null) resumed.current = flow !== null

  const step = !flow
    ? 0
    : flow.nextStep === 'test'
      ? 1
      : flow.nextStep === 'promote'
        ? 2
        : flow.nextStep === 'update_services'
          ? servicesUpdated
            ? 4
            : 3
          : 5

  // Each step's main action takes the focus, so Enter goes on through the flow.
  useEffect(() => {
    if (!loaded) return
    const target = document.querySelector<HTMLElement>('dialog[open] [data-autofocus]:not([disabled])')
    if (target && !target.contains(document.activeElement)) target.focus()
  }, [loaded, step])

  const onCancel = async () => {
    if (await cancel()) pushToast(`Rotation of “${keyName}” canceled; the new value was discarded.`, 'info')
  }
  const cancelButton =
    flow && (step === 1 || step === 2) ? (
      <button
        type="button"
        className="button button-danger-quiet dialog-footer-start"
        disabled={busy !== null}
        onClick={() => void onCancel()}
      >
        {busy === 'cancel' ? 'Canceling…' : 'Cancel rotation'}
      </button>
    ) : null
  const closeButton = (
    <button type="button" className="button" onClick={closeDialog}>
      {step === 0 ? 'Cancel' : 'Close'}
    </button>
  )

  let body = null
  let primary = null
  if (!loaded) body = <p className="muted">Looking for a rotation in progress…</p>
  else if (!flow) {
    body = (
      <NewValueStep
        keyName={keyName}
        busy={busy === 'start'}
        onSubmit={start}
        onInvalid={setError}
        onEdit={() => setError(null)}
      />
    )
    primary = (
      <button type="submit" form={NEW_VALUE_FORM_ID} className="button button-primary" disabled={busy !== null}>
        {busy === 'start' ? 'Saving…' : 'Save new value'}
      </button>
    )
  } else if (step === 1 || step === 2) {
    body = <TestNewValueStep flow={flow} busy={busy === 'promote'} onForce={() => void promote(true)} />
    primary = (
      <>
        <button
          type="button"
          className={`button${step === 1 ? ' button-primary' : ''}`}
          disabled={busy !== null}
          data-autofocus={step === 1 ? true : undefined}
          onClick={() => void test()}
        >
          {busy === 'test' ? 'Testing…' : flow.test ? 'Test again' : 'Test it'}
        </button>
        {flow.canPromote ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy !== null}
            data-autofocus
            onClick={() => void promote(false)}
          >
            {busy === 'promote' ? 'Making it current…' : 'Make it current'}
          </button>
        ) : null}
      </>
    )
  } else if (step === 3) {
    body = <UpdateServicesStep flow={flow} />
    primary = (
      <button type="button" className="button button-primary" data-autofocus onClick={() => setServicesUpdated(true)}>
        Next: revoke the old key
      </button>
    )
  } else if (step === 4) {
    body = <RevokeOldStep flow={flow} providerName={providerName} />
    primary = (
      <>
        <button type="button" className="button" onClick={() => setServicesUpdated(false)}>
          Back
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null}
          data-autofocus
          onClick={() => void confirmRevoked()}
        >
          {busy === 'confirm' ? 'Saving…' : 'I revoked the old key'}
        </button>
      </>
    )
  } else {
    body = <RotationDoneStep flow={flow} />
    primary = (
      <button type="button" className="button button-primary" data-autofocus onClick={closeDialog}>
        Done
      </button>
    )
  }

  return (
    <Dialog
      title={`Rotate “${keyName}”`}
      subtitle={
        resumed.current
          ? 'Resumed where you left it. Every step is kept as you go.'
          : 'Every step is kept as you go: close this and come back any time.'
      }
      onClose={closeDialog}
      size="medium"
      footer={
        <>
          {cancelButton}
          {step === 5 ? null : closeButton}
          {primary}
        </>
      }
    >
      <RotationStepper current={step} />
      {body}
      <ErrorMessage message={error} />
    </Dialog>
  )
}
