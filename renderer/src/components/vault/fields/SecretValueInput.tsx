// A key's value typed or pasted in a dialog (Add key, Change value, a rotation's new value): masked until Show, monospaced,
// never autocompleted or spell-checked, and focused when the dialog opens. Uncontrolled: the dialog
// reads the value through the ref, so it never sits in React state.
import { useState, type Ref } from 'react'

interface SecretValueInputProps {
  ref: Ref<HTMLInputElement>
  id: string
  placeholder?: string
  disabled?: boolean
  onInput: () => void
}

export function SecretValueInput({ ref, id, placeholder, disabled, onInput }: SecretValueInputProps) {
  const [showValue, setShowValue] = useState(false)
  return (
    <div className="input-with-button">
      <input
        ref={ref}
        id={id}
        className="text-input mono"
        type={showValue ? 'text' : 'password'}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        data-autofocus
        disabled={disabled}
        onInput={onInput}
      />
      <button type="button" className="button" aria-pressed={showValue} onClick={() => setShowValue(!showValue)}>
        {showValue ? 'Hide' : 'Show'}
      </button>
    </div>
  )
}
