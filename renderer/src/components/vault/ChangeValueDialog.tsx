// A new value for an existing key (after rotating it at the provider); the old one stays in history.
import { useRef, useState, type FormEvent } from 'react'
import { useKeysStore } from '../../stores/keysStore'
import { useUiStore } from '../../stores/uiStore'
import { Dialog } from '../shared/Dialog'
import { DialogActions } from '../shared/DialogActions'
import { ErrorMessage } from '../shared/ErrorMessage'
import { SecretValueInput } from './fields/SecretValueInput'

export function ChangeValueDialog({ keyId, keyName }: { keyId: string; keyName: string }) {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const updateKey = useKeysStore((state) => state.updateKey)
  const valueRef = useRef<HTMLInputElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const value = valueRef.current?.value.trim() ?? ''
    if (!value) {
      setError('Paste the new value.')
      valueRef.current?.focus()
      return
    }
    setBusy(true)
    const result = await updateKey(keyId, { value })
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    if (valueRef.current) valueRef.current.value = ''
    closeDialog()
    pushToast(`New value saved for “${keyName}” (version ${result.value.versionCount})`, 'success')
  }

  return (
    <Dialog
      title={`Change the value of “${keyName}”`}
      subtitle="The current value is kept in the key's history."
      onClose={closeDialog}
      size="narrow"
      footer={
        <DialogActions
          onCancel={closeDialog}
          form="change-value-form"
          confirmLabel={busy ? 'Saving…' : 'Save new value'}
          disabled={busy}
        />
      }
    >
      <form id="change-value-form" onSubmit={onSubmit} noValidate>
        <label className="field-label" htmlFor="changed-key-value">
          New value
        </label>
        <SecretValueInput ref={valueRef} id="changed-key-value" onInput={() => setError(null)} />
        <ErrorMessage message={error} />
      </form>
    </Dialog>
  )
}
