// The bottom line: which vault file is open, a running "Test all" with Cancel, how many keys, and the
// auto-lock countdown in its last minute.
import { countNoun } from '../../format/countNoun'
import { useSessionStore } from '../../stores/sessionStore'
import { TestRunStatusItem } from '../key-tests/TestRunStatusItem'

export function StatusLine() {
  const status = useSessionStore((state) => state.status)
  if (!status) return <footer className="status-line" />
  const countdown = status.lockInSeconds !== null && status.lockInSeconds < 60 ? status.lockInSeconds : null
  return (
    <footer className="status-line">
      <span className="status-item status-path" title={status.vaultPath}>
        <span className="status-dot" aria-hidden="true" />
        <span className="mono">{status.vaultPath}</span>
      </span>
      <span className="status-spacer" />
      <TestRunStatusItem />
      {countdown !== null ? (
        <span className="status-item status-countdown" role="timer" aria-live="off">
          Locks in {countdown} s
        </span>
      ) : null}
      <span className="status-item">{countNoun(status.keyCount ?? 0, 'key')}</span>
      <span className="status-item">Auto-lock {status.autoLockMinutes} min</span>
    </footer>
  )
}
