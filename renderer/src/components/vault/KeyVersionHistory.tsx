// Every value of a key, newest first: version, mask, its status in the rotation (current, pending,
// retiring, revoked, previous) with the date it took it, and why it was added.
import { useEffect, useState } from 'react'
import type { VersionHistoryEntry } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { describeTimeAgo, formatDateTime } from '../../format/describeTime'
import { VERSION_STATUS_LOOKS, versionStatusDate } from '../../format/rotationStates'

const REASONS: Record<string, string> = {
  created: 'Created',
  changed: 'Value changed',
  imported: 'Imported',
}

const STATUS_DATE_WORDS: Record<VersionHistoryEntry['status'], string> = {
  current: 'Current since',
  pending: 'Pasted',
  retiring: 'Retiring since',
  revoked: 'Revoked',
  previous: 'Added',
}

interface KeyVersionHistoryProps {
  keyId: string
  versionCount: number
  /** Changes when a rotation step moves a status without adding a version (retiring → revoked). */
  refreshKey?: string
}

export function KeyVersionHistory({ keyId, versionCount, refreshKey = '' }: KeyVersionHistoryProps) {
  const [versions, setVersions] = useState<VersionHistoryEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    void callKeyward('listKeyVersionHistory', { id: keyId }).then((result) => {
      if (!current) return
      if (result.ok) {
        setVersions([...result.value].sort((left, right) => right.version - left.version))
        setError(null)
      } else setError(result.error.message)
    })
    return () => {
      current = false
    }
  }, [keyId, versionCount, refreshKey])

  return (
    <section className="detail-section" aria-labelledby={`history-title-${keyId}`}>
      <h3 id={`history-title-${keyId}`} className="detail-section-title">
        History <span className="detail-section-count">{versions?.length ?? versionCount}</span>
      </h3>
      {error ? <p className="error-message">{error}</p> : null}
      <ol className="version-list" aria-label="Versions">
        {(versions ?? []).map((version) => {
          const look = VERSION_STATUS_LOOKS[version.status]
          const date = versionStatusDate(version)
          return (
            <li key={version.version} className={`version-row status-${version.status}`} data-status={version.status}>
              <span className="version-number">v{version.version}</span>
              <span className="version-main">
                <span className="masked-value">{version.maskedValue}</span>
                <span className="version-reason">{REASONS[version.reason] ?? version.reason}</span>
              </span>
              <span className={`outcome-badge outcome-badge-small tone-${look.tone}`}>{look.label}</span>
              <time
                className="version-time"
                dateTime={date}
                title={`${STATUS_DATE_WORDS[version.status]} ${formatDateTime(date)}`}
              >
                {describeTimeAgo(date)}
              </time>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
