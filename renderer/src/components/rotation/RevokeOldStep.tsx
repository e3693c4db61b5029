// Step 5 of the rotate flow: revoke the old value at the provider, then say so here; Keyward cannot do
// it for you, and until then the old value still works for whoever holds it.
import type { RotationFlow } from '#contract'

export function RevokeOldStep({ flow, providerName }: { flow: RotationFlow; providerName: string }) {
  return (
    <div className="rotation-step-body">
      <p className="rotation-step-text">
        Revoke the old value <code className="masked-value">{flow.oldValueMasked}</code> (v{flow.oldVersion}) in{' '}
        {providerName === 'No provider' ? 'the provider' : providerName}'s dashboard. Until then it still works for
        anyone who has a copy.
      </p>
      <p className="muted">
        Once you confirm, the old value is marked revoked and can no longer be copied from Keyward.
      </p>
    </div>
  )
}
