// Export one environment's keys to a .env file: main asks where, writes it readable by the user alone
// (mode 0600), and the dialog says where it went.
import { useState } from 'react'
import { ENVIRONMENTS, type Environment } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { countNoun } from '../../format/countNoun'
import { useKeysStore } from '../../stores/keysStore'
import { useUiStore } from '../../stores/uiStore'
import { Dialog } from '../shared/Dialog'
import { DialogActions } from '../shared/DialogActions'
import { ErrorMessage } from '../shared/ErrorMessage'

// Longer than 80 lines for its markup: the environment's choice, the warning that values go to disk
// in plain text, and the export share one busy and error state.
export function ExportEnvDialog() {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const openDialog = useUiStore((state) => state.openDialog)
  const environments = useKeysStore((state) => state.facets.environments)
  const countFor = (environment: Environment) => environments.find((entry) => entry.value === environment)?.count ?? 0
  const [environment, setEnvironment] = useState<Environment>(
    () =>
      ENVIRONMENTS.find((candidate) => countFor(candidate) > 0 && candidate !== 'live') ??
      ENVIRONMENTS.find((candidate) => countFor(candidate) > 0) ??
      'test',
  )
  const [written, setWritten] = useState<{ path: string; count: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onExport = async () => {
    setBusy(true)
    setError(null)
    const result = await callKeyward('exportEnv', { environment })
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    if (!result.value.canceled) setWritten({ path: result.value.path, count: result.value.count })
  }

  if (written) {
    return (
      <Dialog
        title="Export done"
        onClose={closeDialog}
        size="narrow"
        footer={
          <button type="button" className="button button-primary" onClick={closeDialog} data-autofocus>
            Done
          </button>
        }
      >
        <div className="export-result" role="status">
          <p>Wrote {countNoun(written.count, `${environment} key`)} to</p>
          <p className="path-block mono">{written.path}</p>
          <p>
            The file has mode <span className="mono">0600</span>: only your user can read it. It holds secrets in plain
            text, so keep it out of version control and delete it when you are done.
          </p>
        </div>
      </Dialog>
    )
  }

  return (
    <Dialog
      title="Export keys to a .env file"
      subtitle="Choose an environment; Keyward asks where to save the file."
      onClose={closeDialog}
      size="narrow"
      footer={
        <DialogActions
          onCancel={closeDialog}
          onConfirm={() => void onExport()}
          confirmLabel={busy ? 'Exporting…' : 'Choose file and export…'}
          disabled={busy || countFor(environment) === 0}
        />
      }
    >
      <fieldset className="choice-list">
        <legend className="field-label">Environment</legend>
        {ENVIRONMENTS.map((candidate) => (
          <label
            key={candidate}
            className={`choice${environment === candidate ? ' checked' : ''}${countFor(candidate) === 0 ? ' disabled' : ''}`}
          >
            <input
              type="radio"
              name="export-environment"
              value={candidate}
              checked={environment === candidate}
              disabled={countFor(candidate) === 0}
              onChange={() => setEnvironment(candidate)}
            />
            <span className={`environment-badge environment-${candidate}`}>{candidate}</span>
            <span className="choice-count">{countNoun(countFor(candidate), 'key')}</span>
          </label>
        ))}
      </fieldset>
      {environment === 'live' ? (
        <p className="warning-note">Live keys reach real accounts and money. Export them only where they must go.</p>
      ) : null}
      <p className="export-alternative">
        Or keep values out of files:{' '}
        <button type="button" className="link-button" onClick={() => openDialog({ kind: 'env-view' })}>
          a template of references…
        </button>
      </p>
      <ErrorMessage message={error} />
    </Dialog>
  )
}
