// live / test / other as a segmented radio group (arrow keys move between them natively).
import { ENVIRONMENTS, type Environment } from '#contract'

interface EnvironmentPickerProps {
  name: string
  value: Environment
  onChange: (environment: Environment) => void
  label?: string
}

export function EnvironmentPicker({ name, value, onChange, label = 'Environment' }: EnvironmentPickerProps) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {ENVIRONMENTS.map((environment) => (
        <label key={environment} className={`segment segment-${environment}${value === environment ? ' checked' : ''}`}>
          <input
            type="radio"
            name={name}
            value={environment}
            checked={value === environment}
            onChange={() => onChange(environment)}
          />
          <span>{environment}</span>
        </label>
      ))}
    </div>
  )
}
