// One labelled text input in a form grid (the Add key dialog): the label, then the input, which
// reports its text as it changes. Other input attributes (placeholder, type, spellCheck) pass through.
import type { InputHTMLAttributes } from 'react'

type TextFieldRowProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'value' | 'onChange'> & {
  id: string
  label: string
  value: string
  onValue: (value: string) => void
  /** Monospaced text (env var names, values). */
  mono?: boolean
  /** Spans both columns of the grid. */
  full?: boolean
}

export function TextFieldRow({
  id,
  label,
  value,
  onValue,
  mono = false,
  full = false,
  ...inputProps
}: TextFieldRowProps) {
  return (
    <div className={full ? 'form-row form-row-full' : 'form-row'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={mono ? 'text-input mono' : 'text-input'}
        value={value}
        {...inputProps}
        onChange={(event) => onValue(event.currentTarget.value)}
      />
    </div>
  )
}
