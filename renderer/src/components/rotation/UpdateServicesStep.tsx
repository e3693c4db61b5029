// Step 4 of the rotate flow: the new value is current; the services that still hold the old one are
// moved over. The old value stays copyable (main's clipboard, cleared after 30 s) until it is revoked.
// Where the scanner saw the old value will be listed here once the scanner runs.
import { useState } from 'react'
import type { RotationFlow } from '../../../../preload/contract'
import { callKeyward } from '../../api/callKeyward'
import { useUiStore } from '../../stores/uiStore'
import { ErrorMessage } from '../ErrorMessage'

export function UpdateServicesStep({ flow }: { flow: RotationFlow }) {
  const pushToast = useUiStore((state) => state.pushToast)
  const [error, setError] = useState<string | null>(null)
  const [copying, setCopying] = useState(false)

  const copyOld = async () => {
    setCopying(true)
    const result = await callKeyward('copyRetiringKey', { id: flow.keyId })
    setCopying(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    pushToast(`Old value copied — clears in ${result.value.clearsInSeconds} s`, 'success')
  }

  return (
    <div className="rotation-step-body">
      <p className="rotation-step-text">
        <strong>v{flow.newVersion} is now current</strong>
        {flow.forced ? ' (made current without a test)' : ''}. Put it in every service, CI secret and .env that still uses
        the old value <code className="masked-value">{flow.oldValueMasked}</code>.
      </p>
      <div className="rotation-copy-old">
        <button type="button" className="button" disabled={copying} onClick={() => void copyOld()}>
          Copy old value
        </button>
        <span className="muted">It stays copyable until you confirm it is revoked.</span>
      </div>
      <ErrorMessage message={error} />
      <div className="rotation-seen">
        <h4 className="rotation-seen-title">Where the old value was seen</h4>
        <p className="muted">
          Once the scanner has looked through your folders, the files and commits that hold the old value are listed here.
          It has not run yet.
        </p>
      </div>
    </div>
  )
}
