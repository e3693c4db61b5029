// Step 1 of the rotate flow: paste the new value (hidden as typed, Show to check it) and, when the
// provider gave one, its expiry. Main keeps it pending beside the current value; it is never shown
// again, only its mask.
import { useId, useRef, useState, type FormEvent } from 'react'
import { SecretValueInput } from '../vault/fields/SecretValueInput'

interface NewValueStepProps {
  keyName: string
  busy: boolean
  onSubmit: (value: string, expiresAt: string | null) => Promise<boolean>
  onInvalid: (message: string) => void
  onEdit: () => void
}

export const NEW_VALUE_FORM_ID = 'rotation-new-value-form'

export function NewValueStep({ keyName, busy, onSubmit, onInvalid, onEdit }: NewValueStepProps) {
  const valueId = useId()
  const expiryId = useId()
  const valueRef = useRef<HTMLInputElement>(null)
  const [expiresAt, setExpiresAt] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const value = valueRef.current?.value.trim() ?? ''
    if (!value) {
      onInvalid(`Paste the new value of “${keyName}”: create it at the provider first.`)
      valueRef.current?.focus()
      return
    }
    const saved = await onSubmit(value, expiresAt || null)
    // The value goes no further than main: once kept there, the field forgets it.
    if (saved && valueRef.current) valueRef.current.value = ''
    if (!saved) valueRef.current?.focus()
  }

  return (
    <form id={NEW_VALUE_FORM_ID} className="rotation-step-body" onSubmit={submit} noValidate>
      <p className="rotation-step-text">
        Create a new key at the provider, then paste it here. The current value stays in use until you make the new one
        current.
      </p>
      <label className="field-label" htmlFor={valueId}>
        New value
      </label>
      <SecretValueInput ref={valueRef} id={valueId} disabled={busy} onInput={onEdit} />
      <label className="field-label" htmlFor={expiryId}>
        Expires <span className="muted">(optional, if the provider shows a date)</span>
      </label>
      <input
        id={expiryId}
        className="text-input rotation-expiry-input"
        type="date"
        value={expiresAt}
        disabled={busy}
        onChange={(event) => {
          setExpiresAt(event.currentTarget.value)
          onEdit()
        }}
      />
    </form>
  )
}
