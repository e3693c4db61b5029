// Where a provider's tests go: its own hosts, or a base URL the user sets (a staging host, a proxy,
// a simulator). https only; Reset goes back to the provider's own.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { ProviderSummary } from '#contract'
import { useProvidersStore } from '../../../stores/providersStore'
import { useUiStore } from '../../../stores/uiStore'
import { ErrorMessage } from '../../shared/ErrorMessage'

// Longer than 80 lines for its markup: one field with its check, save and reset, and the words for
// each answer main gives (declined, refused, saved).
export function ProviderBaseUrlForm({ provider }: { provider: ProviderSummary }) {
  const id = useId()
  const errorId = useId()
  const setBaseUrl = useProvidersStore((state) => state.setBaseUrl)
  const pushToast = useUiStore((state) => state.pushToast)
  const [draft, setDraft] = useState(provider.baseUrl ?? '')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => setDraft(provider.baseUrl ?? ''), [provider.baseUrl])

  const save = async (baseUrl: string | null) => {
    if (baseUrl !== null) {
      let url: URL
      try {
        url = new URL(baseUrl)
      } catch {
        setError('Type a whole URL, such as https://staging.example.com or https://127.0.0.1:8443.')
        return
      }
      if (url.protocol !== 'https:') {
        setError('A base URL must start with https://: Keyward never sends a key in the clear.')
        return
      }
    }
    setBusy(true)
    const result = await setBaseUrl(provider.id, baseUrl)
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    pushToast(
      baseUrl ? `${provider.name} tests now go to ${baseUrl}` : `${provider.name} tests go to ${provider.name} again`,
      'success',
    )
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = draft.trim()
    void save(trimmed === '' ? null : trimmed)
  }

  const changed = draft.trim() !== (provider.baseUrl ?? '')
  return (
    <form className="provider-form" onSubmit={onSubmit} noValidate>
      <label className="provider-form-label" htmlFor={id}>
        Base URL
      </label>
      <div className="provider-form-controls">
        <input
          id={id}
          className="text-input mono"
          type="url"
          value={draft}
          placeholder={
            provider.hosts[0]
              ? `https://${provider.hosts[0]} (the provider's own)`
              : 'https://… (the key’s own verify URL)'
          }
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setDraft(event.currentTarget.value)
            setError(null)
          }}
        />
        <button type="submit" className="button" disabled={busy || !changed}>
          Save
        </button>
        {provider.baseUrl ? (
          <button type="button" className="button" disabled={busy} onClick={() => void save(null)}>
            Reset to default
          </button>
        ) : null}
      </div>
      <ErrorMessage id={errorId} message={error} />
    </form>
  )
}
