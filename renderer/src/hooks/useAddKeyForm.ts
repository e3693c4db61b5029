// The add-key form's state: the value stays in the uncontrolled field (read through `valueRef`, never kept
// in React state); main's guess from the value fills the fields the person has not set by hand; submit maps
// main's field errors to the form's labels.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Environment, ValueGuess } from '#contract'
import { callKeyward } from '../api/callKeyward'
import { formErrorMessage } from '../format/fieldErrors'
import { matchingPrefix } from '../format/matchingPrefix'
import { splitLabels } from '../format/splitLabels'
import { useKeysStore } from '../stores/keysStore'
import { useProvidersStore } from '../stores/providersStore'
import { useUiStore } from '../stores/uiStore'
import { useProviderNames } from './useProviderNames'

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

/** Asks main for a guess a short while after the value last changed; only the latest answer counts. */
const useDebouncedGuess = (onGuess: (guess: ValueGuess, value: string) => void) => {
  const guessTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const guessRequest = useRef(0)
  useEffect(
    () => () => {
      if (guessTimer.current) clearTimeout(guessTimer.current)
    },
    [],
  )
  const cancel = () => {
    if (guessTimer.current) clearTimeout(guessTimer.current)
  }
  const schedule = (value: string) => {
    guessTimer.current = setTimeout(() => {
      const request = ++guessRequest.current
      void callKeyward('guessKey', { value }).then((result) => {
        if (request !== guessRequest.current || !result.ok) return
        onGuess(result.value, value)
      })
    }, GUESS_DELAY_MS)
  }
  return { cancel, schedule }
}

/** The fields besides the value; setters named `set…ByHand` also mark the field as the person's own. */
const useAddKeyFields = () => {
  const providers = useProvidersStore((state) => state.providers)
  const providerName = useProviderNames()
  const [name, setName] = useState('')
  const [provider, setProvider] = useState<string | null>(null)
  const [environment, setEnvironment] = useState<Environment>('other')
  const [envVar, setEnvVar] = useState('')
  const [scopes, setScopes] = useState('')
  const [tags, setTags] = useState('')
  const [expiresAt, setExpiresAt] = useState('')
  // Which fields the person set by hand: a later guess leaves those alone.
  const touched = useRef<Touched>({ name: false, provider: false, environment: false, envVar: false })

  const applyGuess = (next: ValueGuess) => {
    if (!touched.current.provider) setProvider(next.provider)
    if (!touched.current.environment) setEnvironment(next.environment)
    if (!touched.current.envVar) setEnvVar(next.envVar ?? '')
    if (!touched.current.name) setName(next.provider ? `${providerName(next.provider)} ${next.environment}` : '')
  }

  const chooseProvider = (next: string | null) => {
    setProvider(next)
    touched.current.provider = true
    const summary = providers.find((entry) => entry.id === next)
    if (!touched.current.envVar) setEnvVar(summary?.envVar ?? '')
    if (!touched.current.name && next) setName(`${providerName(next)} ${environment}`)
  }

  const setNameByHand = (next: string) => {
    setName(next)
    touched.current.name = true
  }
  const setEnvironmentByHand = (next: Environment) => {
    setEnvironment(next)
    touched.current.environment = true
  }
  const setEnvVarByHand = (next: string) => {
    setEnvVar(next)
    touched.current.envVar = true
  }

  return {
    values: { name, provider, environment, envVar, scopes, tags, expiresAt },
    applyGuess,
    chooseProvider,
    setNameByHand,
    setEnvironmentByHand,
    setEnvVarByHand,
    setScopes,
    setTags,
    setExpiresAt,
  }
}

export const useAddKeyForm = () => {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const providers = useProvidersStore((state) => state.providers)
  const addKey = useKeysStore((state) => state.addKey)
  const fields = useAddKeyFields()

  const valueRef = useRef<HTMLInputElement>(null)
  const [hasValue, setHasValue] = useState(false)
  const [guess, setGuess] = useState<ValueGuess | null>(null)
  const [sharedPrefix, setSharedPrefix] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const guessing = useDebouncedGuess((next, value) => {
    setGuess(next)
    fields.applyGuess(next)
    setSharedPrefix(next.ambiguousWith.length > 0 ? matchingPrefix(value, providers) : null)
  })

  const onValueInput = () => {
    const value = valueRef.current?.value.trim() ?? ''
    setHasValue(value.length > 0)
    setError(null)
    guessing.cancel()
    if (!value) {
      setGuess(null)
      setSharedPrefix(null)
      return
    }
    guessing.schedule(value)
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const value = valueRef.current?.value.trim() ?? ''
    const { name, provider, environment, envVar, scopes, tags, expiresAt } = fields.values
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

  return { ...fields, valueRef, hasValue, guess, sharedPrefix, error, busy, onValueInput, onSubmit, closeDialog }
}
