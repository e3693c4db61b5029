// Settings → Activity: the vault's audit log, newest first (who did what to which key, and when), a page
// at a time. It names keys and settings, never a value.
import { useCallback, useEffect, useState } from 'react'
import type { AuditEntry } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { countNoun } from '../../format/countNoun'
import { formatDateTime } from '../../format/describeTime'

const PAGE = 50

// Longer than 80 lines for its markup: the audit log's table and its paging, which share the
// entries loaded so far.
export function ActivitySettings() {
  const [entries, setEntries] = useState<AuditEntry[]>([])
  const [total, setTotal] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)

  const load = useCallback(async (before?: number) => {
    setLoading(true)
    const result = await callKeyward('listAuditLog', before === undefined ? { limit: PAGE } : { limit: PAGE, before })
    setLoading(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    setTotal(result.value.total)
    setEntries((shown) => (before === undefined ? result.value.entries : [...shown, ...result.value.entries]))
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  return (
    <section className="settings-section" aria-labelledby="activity-title">
      <h2 id="activity-title" className="settings-title">
        Activity
      </h2>
      <p className="settings-text">
        What was done with the vault, by this app or the keyward command, newest first:{' '}
        {countNoun(total, 'entry', 'entries')}. Values are never recorded.
      </p>
      {error ? <p className="error-message">{error}</p> : null}
      {entries.length > 0 ? (
        <table className="audit-table" aria-label="Activity">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="audit-when">{formatDateTime(entry.at)}</td>
                <td className="audit-actor">
                  {entry.actor === 'cli'
                    ? 'command line'
                    : entry.actor === 'cli via agent'
                      ? 'command line (unlocked agent)'
                      : entry.actor === 'cli via app'
                        ? 'command line (through the app)'
                        : 'app'}
                </td>
                <td>
                  {entry.action}
                  {entry.detail ? <span className="audit-detail"> · {entry.detail}</span> : null}
                </td>
                <td className="audit-subject" title={entry.subject ?? undefined}>
                  {entry.subject ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="settings-actions">
        {entries.length < total ? (
          <button
            type="button"
            className="button button-small"
            disabled={loading}
            onClick={() => void load(entries.at(-1)?.id)}
          >
            Show older
          </button>
        ) : null}
        <button type="button" className="button button-small" disabled={loading} onClick={() => void load()}>
          Refresh
        </button>
      </div>
    </section>
  )
}
