// Four bars and a sentence: how strong the new master password looks and what would help.
import type { PasswordStrength } from '../../format/passwordStrength'

export function PasswordStrengthMeter({ strength, id }: { strength: PasswordStrength; id: string }) {
  return (
    <div className={`strength strength-level-${strength.level}`} id={id} aria-live="polite">
      <div className="strength-bars" aria-hidden="true">
        {[1, 2, 3, 4].map((bar) => (
          <span key={bar} className={bar <= strength.level ? 'strength-bar filled' : 'strength-bar'} />
        ))}
      </div>
      <p className="strength-text">
        {strength.label ? <strong>{strength.label}. </strong> : null}
        {strength.hint}
      </p>
    </div>
  )
}
