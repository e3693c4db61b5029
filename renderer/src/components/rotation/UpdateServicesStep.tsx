// Step 4 of the rotate flow: the new value is current; the services that still hold the old one are
// moved over. The old value stays copyable (main's clipboard, cleared after 30 s) until it is revoked.
// Below: where the scanner last saw the old value or an older one, so nothing that still holds it is
// forgotten: the exposed copies (why the key is rotated) apart from those stored in local files git
// does not keep (replace them with a reference or keyward run, and the next rotation needs nothing).
import { useEffect, useState } from 'react'
import type { KeySighting, RotationFlow } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { callPaced } from '../../api/callPaced'
import { useUiStore } from '../../stores/uiStore'
import { ErrorMessage } from '../shared/ErrorMessage'
import { SightingGroups } from '../scanner/SightingGroups'

function WhereSeen({ keyId, oldVersion }: { keyId: string; oldVersion: number }) {
  const showSection = useUiStore((state) => state.showSection)
  const closeDialog = useUiStore((state) => state.closeDialog)
  const [sightings, setSightings] = useState<KeySighting[] | null>(null)
  useEffect(() => {
    let current = true
    void callKeyward('listKeySightings', { id: keyId }).then((result) => {
      if (current) setSightings(result.ok ? result.value : [])
    })
    return () => {
      current = false
    }
  }, [keyId])
  if (sightings === null) return null
  // The old value and anything older: the new one is where it should be by now.
  const old = sightings.filter((sighting) => sighting.version <= oldVersion)
  return (
    <div className="rotation-seen">
      <h4 className="rotation-seen-title">Where the old value was seen</h4>
      {old.length === 0 ? (
        <p className="muted">
          {sightings.length === 0
            ? 'No scan has found this key in a folder. '
            : 'The last scans found no older value of this key. '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              closeDialog()
              showSection('scanner')
            }}
          >
            Scan a folder
          </button>{' '}
          to look for it.
        </p>
      ) : (
        <SightingGroups keyId={keyId} sightings={old} headingLevel={5} showVersions={oldVersion > 1} />
      )}
    </div>
  )
}

export function UpdateServicesStep({ flow }: { flow: RotationFlow }) {
  const pushToast = useUiStore((state) => state.pushToast)
  const [error, setError] = useState<string | null>(null)
  const [copying, setCopying] = useState(false)

  const copyOld = async () => {
    setCopying(true)
    const result = await callPaced('copyRetiringKey', { id: flow.keyId })
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
        {flow.forced ? ' (made current without a test)' : ''}. Put it in every service, CI secret and .env that still
        uses the old value <code className="masked-value">{flow.oldValueMasked}</code>.
      </p>
      <div className="rotation-copy-old">
        <button type="button" className="button" disabled={copying} onClick={() => void copyOld()}>
          Copy old value
        </button>
        <span className="muted">It stays copyable until you confirm it is revoked.</span>
      </div>
      <ErrorMessage message={error} />
      <WhereSeen keyId={flow.keyId} oldVersion={flow.oldVersion} />
    </div>
  )
}
