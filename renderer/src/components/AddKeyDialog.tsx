// Adding a key: paste the value first; main guesses provider, environment and env var from its prefix,
// the fields fill in, the person confirms; a value the vault already holds says under which key. The
// value field is uncontrolled: it never reaches React state.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Environment, ValueGuess } from '../../../preload/contract'
import { openKeyInVault } from '../actions/openKeyInVault'
import { callKeyward } from '../api/callKeyward'
import { formErrorMessage } from '../format/fieldErrors'
import { matchingPrefix } from '../format/matchingPrefix'
import { splitLabels } from '../format/splitLabels'
import { useProviderNames } from '../hooks/useProviderNames'
import { useKeysStore } from '../stores/keysStore'
import { useUiStore } from '../stores/uiStore'
import { Dialog } from './Dialog'
import { DialogActions } from './DialogActions'
import { ErrorMessage } from './ErrorMessage'
import { EnvironmentPicker } from './fields/EnvironmentPicker'
import { ExpiryInputRow } from './fields/ExpiryInputRow'
import { ProviderSelect } from './fields/ProviderSelect'
import { SecretValueInput } from './fields/SecretValueInput'
import { TextFieldRow } from './fields/TextFieldRow'
import { useProvidersStore } from '../stores/providersStore'

interface Touched {
  name: boolean
  provider: boolean
  environment: boolean
  envVar: boolean
}

const GUESS_DELAY_MS = 150

/** The form's labels by field, to name the one main refuses. */
const FIELD_LABELS: Record<string, string> = {
  value: 'Value',
  name: 'Name',
  provider: 'Provider',
  environment: 'Environment',
  envVar: 'Env var',
  expiresAt: 'Expires',
  scopes: 'Scopes',
  tags: 'Tags',
}

const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`

/** The vault already holds this value: adding it again makes a second copy to rotate and to keep in step. */
function SameValueWarning({ owner, onOpen }: { owner: NonNullable<ValueGuess['sameValueAs']>; onOpen: () => void }) {
  return (
    <p className="field-warning" role="status">
      {owner.current ? `Already saved as “${owner.name}”` : `An earlier value of “${owner.name}”, since replaced`} —{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          onOpen()
          void openKeyInVault(owner.id)
        }}
      >
        Open it
      </button>
    </p>
  )
}

export function AddKeyDialog() {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const providers = useProvidersStore((state) => state.providers)
  const addKey = useKeysStore((state) => state.addKey)
  const providerName = useProviderNames()

  const valueRef = useRef<HTMLInputElement>(null)
  const [hasValue, setHasValue] = useState(false)
  const [guess, setGuess] = useState<ValueGuess | null>(null)
  const [sharedPrefix, setSharedPrefix] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [provider, setProvider] = useState<string | null>(null)
  const [environment, setEnvironment] = useState<Environment>('other')
  const [envVar, setEnvVar] = useState('')
  const [scopes, setScopes] = useState('')
  const [tags, setTags] = useState('')
  const [expiresAt, setExpiresAt] = useState('')
  // Which fields the person set by hand: a later guess leaves those alone.
  const touched = useRef<Touched>({ name: false, provider: false, environment: false, envVar: false })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const guessTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const guessRequest = useRef(0)

  useEffect(
    () => () => {
      if (guessTimer.current) clearTimeout(guessTimer.current)
    },
    [],
  )

  const applyGuess = (next: ValueGuess) => {
    setGuess(next)
    if (!touched.current.provider) setProvider(next.provider)
    if (!touched.current.environment) setEnvironment(next.environment)
    if (!touched.current.envVar) setEnvVar(next.envVar ?? '')
    if (!touched.current.name) setName(next.provider ? `${providerName(next.provider)} ${next.environment}` : '')
  }

  const onValueInput = () => {
    const value = valueRef.current?.value.trim() ?? ''
    setHasValue(value.length > 0)
    setError(null)
    if (guessTimer.current) clearTimeout(guessTimer.current)
    if (!value) {
      setGuess(null)
      setSharedPrefix(null)
      return
    }
    guessTimer.current = setTimeout(() => {
      const request = ++guessRequest.current
      void callKeyward('guessKey', { value }).then((result) => {
        if (request !== guessRequest.current || !result.ok) return
        applyGuess(result.value)
        setSharedPrefix(result.value.ambiguousWith.length > 0 ? matchingPrefix(value, providers) : null)
      })
    }, GUESS_DELAY_MS)
  }

  const chooseProvider = (next: string | null) => {
    setProvider(next)
    touched.current.provider = true
    const summary = providers.find((entry) => entry.id === next)
    if (!touched.current.envVar) setEnvVar(summary?.envVar ?? '')
    if (!touched.current.name && next) setName(`${providerName(next)} ${environment}`)
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const value = valueRef.current?.value.trim() ?? ''
    if (!value) {
      setError('Paste the key value first.')
      valueRef.current?.focus()
      return
    }
    if (!name.trim()) {
      setError('Give the key a name, for example "Clipia production".')
      return
    }
    setBusy(true)
    const result = await addKey({
      name: name.trim(),
      value,
      provider,
      environment,
      envVar: envVar.trim() || null,
      scopes: splitLabels(scopes),
      tags: splitLabels(tags),
      expiresAt: expiresAt || null,
    })
    setBusy(false)
    if (!result.ok) {
      setError(formErrorMessage(result.error, FIELD_LABELS))
      return
    }
    if (valueRef.current) valueRef.current.value = ''
    closeDialog()
    pushToast(`Added “${result.value.name}”`, 'success')
  }

  const candidates =
    guess && guess.ambiguousWith.length > 0 && guess.provider ? [guess.provider, ...guess.ambiguousWith] : []

  return (
    <Dialog
      title="Add key"
      subtitle="Paste the value first: Keyward recognises the provider and environment from its prefix."
      onClose={closeDialog}
      size="medium"
      footer={
        <>
          <span className="dialog-footer-note">Encrypted in the vault; lists show only a mask.</span>
          <DialogActions
            onCancel={closeDialog}
            form="add-key-form"
            confirmLabel={busy ? 'Adding…' : 'Add key'}
            disabled={busy || !hasValue}
          />
        </>
      }
    >
      <form id="add-key-form" className="form-grid" onSubmit={onSubmit} noValidate>
        <div className="form-row form-row-full">
          <label className="field-label" htmlFor="new-key-value">
            Value
          </label>
          <SecretValueInput ref={valueRef} id="new-key-value" placeholder="Paste the key" onInput={onValueInput} />
          <p className="field-hint" aria-live="polite">
            {guess === null
              ? 'Keyward fills in what it can; you confirm.'
              : guess.provider
                ? `Looks like ${withArticle(providerName(guess.provider))} ${guess.environment} key.`
                : 'No known prefix: choose the provider, or leave it empty.'}
          </p>
          {guess?.sameValueAs ? <SameValueWarning owner={guess.sameValueAs} onOpen={closeDialog} /> : null}
          {candidates.length > 0 ? (
            <div className="ambiguity" role="group" aria-label="Choose the provider">
              <p className="ambiguity-text">
                <span className="mono">{sharedPrefix ?? 'This prefix'}</span> is used by{' '}
                {candidates.map((candidate) => providerName(candidate)).join(' and ')} — choose
              </p>
              <div className="ambiguity-choices">
                {candidates.map((candidate) => (
                  <button
                    key={candidate}
                    type="button"
                    className={`button button-small${provider === candidate ? ' button-selected' : ''}`}
                    aria-pressed={provider === candidate}
                    onClick={() => chooseProvider(candidate)}
                  >
                    {providerName(candidate)}
                  </button>
                ))}
              </div>
            </div>
          ) : null}
        </div>
        <TextFieldRow
          id="new-key-name"
          label="Name"
          full
          value={name}
          autoComplete="off"
          placeholder="e.g. Clipia production"
          onValue={(next) => {
            setName(next)
            touched.current.name = true
          }}
        />
        <div className="form-row">
          <label className="field-label" htmlFor="new-key-provider">
            Provider
          </label>
          <ProviderSelect id="new-key-provider" value={provider} providers={providers} onChange={chooseProvider} />
        </div>
        <div className="form-row">
          <span className="field-label" id="new-key-environment-label">
            Environment
          </span>
          <EnvironmentPicker
            name="new-key-environment"
            value={environment}
            onChange={(next) => {
              setEnvironment(next)
              touched.current.environment = true
            }}
          />
        </div>
        <TextFieldRow
          id="new-key-env-var"
          label="Env var"
          mono
          value={envVar}
          autoComplete="off"
          spellCheck={false}
          placeholder="API_KEY"
          onValue={(next) => {
            setEnvVar(next)
            touched.current.envVar = true
          }}
        />
        <ExpiryInputRow id="new-key-expires" value={expiresAt} onValue={setExpiresAt} />
        <TextFieldRow
          id="new-key-scopes"
          label="Scopes"
          value={scopes}
          autoComplete="off"
          placeholder="read, write"
          onValue={setScopes}
        />
        <TextFieldRow
          id="new-key-tags"
          label="Tags"
          value={tags}
          autoComplete="off"
          placeholder="backend, billing"
          onValue={setTags}
        />
        <div className="form-row form-row-full">
          <ErrorMessage message={error} />
        </div>
      </form>
    </Dialog>
  )
}
