// Earlier values of a key, newest first: version, why it changed, its mask and when.
import { useEffect, useState } from 'react'
import type { KeyVersion } from '../../../preload/contract'
import { callKeyward } from '../api/callKeyward'
import { describeTimeAgo, formatDateTime } from '../format/describeTime'

const REASONS: Record<KeyVersion['reason'], string> = {
  created: 'Created',
  changed: 'Value changed',
  imported: 'Imported',
}

export function KeyVersionHistory({ keyId, versionCount }: { keyId: string; versionCount: number }) {
  const [versions, setVersions] = useState<KeyVersion[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    void callKeyward('listKeyVersions', { id: keyId }).then((result) => {
      if (!current) return
      if (result.ok) {
        setVersions([...result.value].sort((left, right) => right.version - left.version))
        setError(null)
      } else setError(result.error.message)
    })
    return () => {
      current = false
    }
  }, [keyId, versionCount])

  return (
    <section className="detail-section" aria-labelledby="history-title">
      <h3 id="history-title" className="detail-section-title">
        History <span className="detail-section-count">{versionCount}</span>
      </h3>
      {error ? <p className="error-message">{error}</p> : null}
      <ol className="version-list">
        {(versions ?? []).map((version, index) => (
          <li key={version.version} className={`version-row${index === 0 ? ' current' : ''}`}>
            <span className="version-number" title={index === 0 ? 'Current value' : undefined}>
              v{version.version}
            </span>
            <span className="masked-value">{version.maskedValue}</span>
            <span className="version-reason">
              {REASONS[version.reason]}
              {index === 0 ? <span className="visually-hidden"> (current)</span> : null}
            </span>
            <time className="version-time" dateTime={version.createdAt} title={formatDateTime(version.createdAt)}>
              {describeTimeAgo(version.createdAt)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  )
}
