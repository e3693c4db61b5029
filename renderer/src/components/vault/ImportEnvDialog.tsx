// The .env import preview: every variable main found, with a checkbox, an editable name, provider and
// environment; duplicates and ordinary settings start unticked; unreadable lines are listed by number.
import { useMemo, useState } from 'react'
import type { Environment } from '#contract'
import { callKeyward } from '../../api/callKeyward'
import { countNoun } from '../../format/countNoun'
import { useKeysStore } from '../../stores/keysStore'
import { useSessionStore } from '../../stores/sessionStore'
import { useUiStore, type ImportPreview } from '../../stores/uiStore'
import { Dialog } from '../shared/Dialog'
import { DialogActions } from '../shared/DialogActions'
import { ErrorMessage } from '../shared/ErrorMessage'
import { ProviderSelect } from './fields/ProviderSelect'
import { useProvidersStore } from '../../stores/providersStore'

interface ImportRow {
  line: number
  checked: boolean
  name: string
  provider: string | null
  environment: Environment
}

// Longer than 80 lines: the preview's rows, their choices and the import share one dialog's state
// (chosen lines, names, environments, busy, error); most of the length is the table's markup.
export function ImportEnvDialog({ preview }: { preview: ImportPreview }) {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const providers = useProvidersStore((state) => state.providers)
  const loadKeys = useKeysStore((state) => state.loadKeys)
  const refreshStatus = useSessionStore((state) => state.refreshStatus)
  const [rows, setRows] = useState<ImportRow[]>(() =>
    preview.entries.map((entry) => ({
      line: entry.line,
      checked: entry.looksLikeKey && entry.duplicateOf === null,
      name: entry.variable,
      provider: entry.provider,
      environment: entry.environment,
    })),
  )
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const chosen = rows.filter((row) => row.checked)
  const allChecked = rows.length > 0 && chosen.length === rows.length
  const entriesByLine = useMemo(() => new Map(preview.entries.map((entry) => [entry.line, entry])), [preview.entries])

  const update = (line: number, changes: Partial<ImportRow>) =>
    setRows((current) => current.map((row) => (row.line === line ? { ...row, ...changes } : row)))

  const onImport = async () => {
    const blank = chosen.find((row) => !row.name.trim())
    if (blank) {
      setError(`Line ${blank.line} needs a name before it can be imported.`)
      return
    }
    setBusy(true)
    const result = await callKeyward('importEnv', {
      importId: preview.importId,
      entries: chosen.map(({ line, name, provider, environment }) => ({
        line,
        name: name.trim(),
        provider,
        environment,
      })),
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    await Promise.all([loadKeys(), refreshStatus()])
    closeDialog()
    pushToast(`Imported ${countNoun(result.value.imported, 'key')} from ${preview.fileName}`, 'success')
  }

  return (
    <Dialog
      title={`Import ${preview.fileName}`}
      subtitle={`${countNoun(preview.entries.length, 'variable')} found. Values stay masked; tick what to import and name each key.`}
      onClose={closeDialog}
      size="wide"
      footer={
        <>
          <span className="dialog-footer-note">{countNoun(chosen.length, 'key')} selected</span>
          <DialogActions
            onCancel={closeDialog}
            onConfirm={() => void onImport()}
            confirmLabel={busy ? 'Importing…' : `Import ${countNoun(chosen.length, 'key')}`}
            disabled={busy || chosen.length === 0}
          />
        </>
      }
    >
      {rows.length > 0 ? (
        <div className="import-table-wrap">
          <table className="import-table">
            <thead>
              <tr>
                <th className="col-check">
                  <input
                    type="checkbox"
                    aria-label="Select all"
                    checked={allChecked}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked
                      setRows((current) => current.map((row) => ({ ...row, checked })))
                    }}
                  />
                </th>
                <th className="col-line">Line</th>
                <th>Variable</th>
                <th>Name in vault</th>
                <th>Provider</th>
                <th>Environment</th>
                <th>Value</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const entry = entriesByLine.get(row.line)
                if (!entry) return null
                return (
                  <tr key={row.line} className={row.checked ? 'checked' : undefined} data-variable={entry.variable}>
                    <td className="col-check">
                      <input
                        type="checkbox"
                        aria-label={`Import ${entry.variable}`}
                        checked={row.checked}
                        onChange={(event) => update(row.line, { checked: event.currentTarget.checked })}
                      />
                    </td>
                    <td className="col-line">{entry.line}</td>
                    <td>
                      <span className="mono">{entry.variable}</span>
                      {entry.duplicateOf !== null ? (
                        <span className="import-note import-duplicate">Already in vault as “{entry.duplicateOf}”</span>
                      ) : !entry.looksLikeKey ? (
                        <span className="import-note">Looks like a setting, not a key</span>
                      ) : null}
                    </td>
                    <td>
                      <input
                        className="table-input"
                        aria-label={`Name for ${entry.variable}`}
                        value={row.name}
                        onChange={(event) => update(row.line, { name: event.currentTarget.value })}
                      />
                    </td>
                    <td>
                      <ProviderSelect
                        id={`import-provider-${row.line}`}
                        className="table-select"
                        ariaLabel={`Provider for ${entry.variable}`}
                        value={row.provider}
                        providers={providers}
                        onChange={(provider) => update(row.line, { provider })}
                      />
                    </td>
                    <td>
                      <select
                        className="table-select"
                        aria-label={`Environment for ${entry.variable}`}
                        value={row.environment}
                        onChange={(event) =>
                          update(row.line, { environment: event.currentTarget.value as Environment })
                        }
                      >
                        <option value="live">live</option>
                        <option value="test">test</option>
                        <option value="other">other</option>
                      </select>
                    </td>
                    <td className="masked-value">{entry.maskedValue}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No variables could be read from this file.</p>
      )}
      {preview.problems.length > 0 ? (
        <section className="import-problems" aria-labelledby="import-problems-title">
          <h3 id="import-problems-title" className="import-problems-title">
            {countNoun(preview.problems.length, 'line')} not imported
          </h3>
          <ul>
            {preview.problems.map((problem) => (
              <li key={`${problem.line}-${problem.message}`}>
                <span className="problem-line">line {problem.line}:</span> {problem.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ErrorMessage message={error} />
    </Dialog>
  )
}
