// "Add a provider…": a JSON definition in a plain editor, started from a filled-in template. Main
// checks it against the provider schema; its answer is shown word for word under the editor.
import { useId, useState } from 'react'
import { useProvidersStore } from '../../../stores/providersStore'
import { useUiStore } from '../../../stores/uiStore'
import { Dialog } from '../../shared/Dialog'
import { ErrorMessage } from '../../shared/ErrorMessage'
import { CUSTOM_PROVIDER_FIELD_NOTES, CUSTOM_PROVIDER_TEMPLATE } from './customProviderTemplate'

// Longer than 80 lines for its markup: the definition's editor, its field notes and the save share
// one draft and its error.
export function CustomProviderDialog() {
  const editorId = useId()
  const errorId = useId()
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const saveCustomProvider = useProvidersStore((state) => state.saveCustomProvider)
  const [definition, setDefinition] = useState(CUSTOM_PROVIDER_TEMPLATE)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onSave = async () => {
    setBusy(true)
    const result = await saveCustomProvider(definition)
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    closeDialog()
    pushToast(`Added ${result.value.name} to the providers`, 'success')
  }

  return (
    <Dialog
      title="Add a provider"
      subtitle="A provider is data: how its keys look, the only hosts they go to, and how to test one. Saving the same id again replaces it."
      onClose={closeDialog}
      size="wide"
      footer={
        <>
          <button
            type="button"
            className="button dialog-footer-left"
            onClick={() => {
              setDefinition(CUSTOM_PROVIDER_TEMPLATE)
              setError(null)
            }}
          >
            Start over from the template
          </button>
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || definition.trim().length < 2}
            onClick={() => void onSave()}
          >
            {busy ? 'Saving…' : 'Save provider'}
          </button>
        </>
      }
    >
      <div className="provider-editor">
        <div className="provider-editor-main">
          <label className="field-label" htmlFor={editorId}>
            Definition (JSON)
          </label>
          <textarea
            id={editorId}
            className="code-editor"
            value={definition}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            rows={22}
            data-autofocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setDefinition(event.currentTarget.value)
              setError(null)
            }}
            onKeyDown={(event) => {
              // Tab indents, as in any code editor; Escape still closes the dialog.
              if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return
              event.preventDefault()
              const editor = event.currentTarget
              const { selectionStart, selectionEnd } = editor
              const next = `${definition.slice(0, selectionStart)}  ${definition.slice(selectionEnd)}`
              setDefinition(next)
              requestAnimationFrame(() => editor.setSelectionRange(selectionStart + 2, selectionStart + 2))
            }}
          />
          <ErrorMessage id={errorId} message={error} />
        </div>
        <aside className="provider-editor-notes" aria-label="What the fields mean">
          <h3 className="detail-section-title">Fields</h3>
          <dl>
            {CUSTOM_PROVIDER_FIELD_NOTES.map(([field, meaning]) => (
              <div key={field} className="field-note">
                <dt className="mono">{field}</dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
          <p className="field-note-footer">
            Outcomes: valid, invalid, forbidden, rate_limited, quota_exhausted, expired, network_error, unknown. A
            reason is shown to the user as is: say what to do.
          </p>
        </aside>
      </div>
    </Dialog>
  )
}
