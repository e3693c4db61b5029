// The expiry of a key being added or rotated: a date input, with "No expiry" said beside it while it is
// empty and one button to go back to no expiry once a date is picked.
import { NO_EXPIRY } from '../../../format/describeTime'

interface ExpiryInputRowProps {
  id: string
  label?: string
  /** YYYY-MM-DD, or '' for no expiry. */
  value: string
  onValue: (value: string) => void
}

export function ExpiryInputRow({ id, label = 'Expires', value, onValue }: ExpiryInputRowProps) {
  return (
    <div className="form-row">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="expiry-input">
        <input
          id={id}
          type="date"
          className="text-input"
          value={value}
          aria-describedby={value ? undefined : `${id}-none`}
          onChange={(event) => onValue(event.currentTarget.value)}
        />
        {value ? (
          <button type="button" className="link-button" onClick={() => onValue('')}>
            Set to {NO_EXPIRY.toLowerCase()}
          </button>
        ) : (
          <span id={`${id}-none`} className="expiry-none">
            {NO_EXPIRY}
          </span>
        )}
      </div>
    </div>
  )
}
