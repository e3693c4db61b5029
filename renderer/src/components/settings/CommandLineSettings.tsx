// Settings → Command line: "Install the keyward command" puts `keyward` on the PATH (main decides where
// and links it to the app's own command; this page only asks), and says which keyward a shell runs
// first when that is not the app's, what to add to PATH, and on macOS the command to run as an
// administrator when main may not write the link itself.
import { useCallback, useEffect, useState } from 'react'
import type { CommandStatus } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { useUiStore } from '../../stores/uiStore'

// Longer than 80 lines for its markup: the command's status (where its link goes, what shadows it,
// what to add to PATH, an administrator's command) and its install and remove share one busy state.
export function CommandLineSettings() {
  const pushToast = useUiStore((state) => state.pushToast)
  const [status, setStatus] = useState<CommandStatus | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    const result = await callKeyward('getCommandStatus')
    if (result.ok) setStatus(result.value)
    else setError(result.error.message)
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const run = async (method: 'installCommand' | 'removeCommand') => {
    setBusy(true)
    const result = await callKeyward(method)
    setBusy(false)
    if (!result.ok) {
      setDone(null)
      setError(result.error.message)
      await load()
      return
    }
    setError(null)
    setDone(result.value.message)
    setStatus(result.value.status)
    pushToast(method === 'installCommand' ? 'keyward command installed' : 'keyward command removed', 'success')
  }

  return (
    <section className="settings-section" aria-labelledby="command-line-title">
      <h2 id="command-line-title" className="settings-title">
        Command line
      </h2>
      <p className="settings-text">
        The keyward command works with this vault from a terminal: the pre-commit hook, keyward run, keyward inject.
      </p>
      {status ? (
        <>
          <p className="settings-text">{status.message}</p>
          {status.state === 'installed' || status.canInstall ? (
            <p className="path-block mono">{status.linkPath}</p>
          ) : null}
          {status.shadowedBy && status.state !== 'unavailable' ? (
            <p className="warning-note">
              A shell runs <span className="mono">{status.shadowedBy}</span> first, not this app’s keyward: remove that
              one, or put {status.linkPath.replace(/\/keyward$/, '')} before its folder on PATH.
            </p>
          ) : null}
          {status.pathAdvice && (status.state === 'installed' || status.canInstall) ? (
            <p className="warning-note">{status.pathAdvice}</p>
          ) : null}
          {status.adminCommand ? (
            <>
              <p className="settings-text">
                Linking it there needs an administrator. Run this in Terminal (it asks for your password):
              </p>
              <p className="path-block mono">{status.adminCommand}</p>
            </>
          ) : null}
          {status.canInstall || status.canRemove ? (
            <div className="settings-actions">
              {status.canInstall ? (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy || status.adminCommand !== null}
                  onClick={() => void run('installCommand')}
                >
                  Install the keyward command
                </button>
              ) : null}
              {status.canRemove ? (
                <button type="button" className="button" disabled={busy} onClick={() => void run('removeCommand')}>
                  Remove
                </button>
              ) : null}
              {status.adminCommand ? (
                <button type="button" className="button" disabled={busy} onClick={() => void load()}>
                  Check again
                </button>
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
      {done ? (
        <p className="settings-text" role="status">
          {done}
        </p>
      ) : null}
      {error ? <p className="error-message">{error}</p> : null}
    </section>
  )
}
