// The add-key dialog's value row: the uncontrolled secret field, the hint saying what main guessed from its
// prefix, the warning when the vault already holds the value, and the choice when a prefix fits several providers.
import type { Ref } from 'react'
import type { ValueGuess } from '#contract'
import { openKeyInVault } from '../../actions/openKeyInVault'
import { useProviderNames } from '../../hooks/useProviderNames'
import { SecretValueInput } from './fields/SecretValueInput'

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

interface ProviderAmbiguityProps {
  candidates: string[]
  sharedPrefix: string | null
  provider: string | null
  onChoose: (provider: string) => void
}

/** One prefix, several providers: the person picks which one the key belongs to. */
function ProviderAmbiguity({ candidates, sharedPrefix, provider, onChoose }: ProviderAmbiguityProps) {
  const providerName = useProviderNames()
  return (
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
            onClick={() => onChoose(candidate)}
          >
            {providerName(candidate)}
          </button>
        ))}
      </div>
    </div>
  )
}

interface AddKeyValueFieldProps {
  valueRef: Ref<HTMLInputElement>
  guess: ValueGuess | null
  sharedPrefix: string | null
  provider: string | null
  onValueInput: () => void
  onChooseProvider: (provider: string) => void
  onOpenOwner: () => void
}

export function AddKeyValueField({
  valueRef,
  guess,
  sharedPrefix,
  provider,
  onValueInput,
  onChooseProvider,
  onOpenOwner,
}: AddKeyValueFieldProps) {
  const providerName = useProviderNames()
  const candidates =
    guess && guess.ambiguousWith.length > 0 && guess.provider ? [guess.provider, ...guess.ambiguousWith] : []
  return (
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
      {guess?.sameValueAs ? <SameValueWarning owner={guess.sameValueAs} onOpen={onOpenOwner} /> : null}
      {candidates.length > 0 ? (
        <ProviderAmbiguity
          candidates={candidates}
          sharedPrefix={sharedPrefix}
          provider={provider}
          onChoose={onChooseProvider}
        />
      ) : null}
    </div>
  )
}
