// Adding a key and changing one, as one set of rules for the app and the CLI: the provider, environment
// and env var guessed from the value when not given, what a test needs (plan, header scheme, verify URL)
// written as the provider's ids and checked against the provider, the question before a change sends
// the key somewhere new, and the write. Each front door only supplies its own way of asking.
import type { KeyChanges, KeyFields, KeyGuess, KeyRecord, NewKey } from '#contract'
import { definedOnly } from '../common/definedOnly'
import { KeywardError } from '../common/errors'
import { quotedName } from '../common/shownText'
import { withGuessedFields } from '../providers/index'
import type { OpenVault } from '../vault/index'
import { checkTestFields } from './checkTestFields'
import { findKnownProvider, guessKeyIn } from './providerDirectory'
import { findProviderByIdOrName, type AskBeforeWiderReach, type VaultNow } from './providerSettings'

type TestFields = Pick<KeyRecord, 'provider' | 'plan' | 'authScheme' | 'verifyUrl'>

const testFieldsOf = (fields: Partial<KeyFields> & { provider: string | null }): TestFields => ({
  provider: fields.provider,
  plan: fields.plan ?? null,
  authScheme: fields.authScheme ?? null,
  verifyUrl: fields.verifyUrl ?? null,
})

/**
 * The fields with their provider as its id when it was given by its name ("Acme", "clipia"), the
 * user's own providers included; a provider Keyward does not know is kept as given.
 */
const withProviderId = <Fields extends Partial<KeyFields>>(vault: OpenVault, fields: Fields): Fields =>
  typeof fields.provider === 'string'
    ? { ...fields, provider: findProviderByIdOrName(vault, fields.provider)?.definition.id ?? fields.provider }
    : fields

/** Whether fields touch what a test of the key needs, or where it is sent (its provider). */
export const touchesTestFields = (fields: Partial<KeyFields>): boolean =>
  fields.provider !== undefined ||
  fields.plan !== undefined ||
  fields.authScheme !== undefined ||
  fields.verifyUrl !== undefined

/**
 * What a test of the key needs, as the provider's ids: a plan given by its id or its name ("Starter"),
 * a header scheme in any case ("BEARER"). `key` is the key as it would be stored; `given` is what the
 * user set. Checked against the key's provider; a misfit is refused and nothing is changed.
 */
export const settleTestFields = (vault: OpenVault, key: TestFields, given: Partial<KeyFields>): Partial<KeyFields> => {
  const test = findKnownProvider(vault, key.provider)?.authTest
  const settled: Partial<KeyFields> = {}
  if (test && given.plan) {
    const wanted = given.plan.trim().toLowerCase()
    const plan =
      test.plans.find((entry) => entry.id === wanted) ?? test.plans.find((entry) => entry.name.toLowerCase() === wanted)
    if (plan) settled.plan = plan.id
  }
  if (test && given.authScheme) {
    const wanted = given.authScheme.trim().toLowerCase()
    const scheme = test.schemes.find((entry) => entry.id === wanted)
    if (scheme) settled.authScheme = scheme.id
  }
  try {
    checkTestFields(vault, { ...key, ...settled })
  } catch (error) {
    if (error instanceof KeywardError) throw new KeywardError(error.code, `${error.message} Nothing was changed.`)
    throw error
  }
  return settled
}

/**
 * Refuses a name another key already has; `hint` is the front door's way to change that key instead.
 * The vault refuses it too, in the same transaction as the write: this check only comes earlier.
 */
export const requireFreeName = (vault: OpenVault, name: string, hint?: string): void => {
  const existing = vault.keys.findByName(name)
  if (existing) {
    throw new KeywardError(
      'duplicate_name',
      `A key named ${quotedName(existing.name)} is already in the vault. Choose another name${hint ? `, ${hint}` : ''}.`,
    )
  }
}

/**
 * What can be checked of a new key before its value is asked for, so nobody types a value for a key
 * that is refused: a free name and, with the provider given, what its tests need.
 */
export const checkNewKeyBeforeValue = (
  vault: OpenVault,
  newKey: Omit<NewKey, 'value'>,
  nameTakenHint?: string,
): void => {
  const fields = withProviderId(vault, newKey)
  requireFreeName(vault, fields.name, nameTakenHint)
  if (fields.provider !== undefined)
    settleTestFields(vault, testFieldsOf({ ...fields, provider: fields.provider }), fields)
}

export interface AddedKey {
  record: KeyRecord
  /** What the value said of its provider, environment and env var (used for the fields not given). */
  guess: KeyGuess
  /** Another key that holds the same value, by name. */
  sameValueAs: string | null
}

/**
 * Stores a new key: the fields not given guessed from its value (with every provider the vault knows,
 * the user's own included), what its tests need checked against the provider it ends up with.
 */
export const addKey = (vault: OpenVault, given: NewKey): AddedKey => {
  const newKey = withProviderId(vault, given)
  const guess = guessKeyIn(vault, newKey.value, newKey.envVar ?? undefined)
  const guessed = withGuessedFields(newKey, guess)
  const settled = settleTestFields(vault, testFieldsOf({ ...guessed, provider: guessed.provider ?? null }), newKey)
  const sameValueAs = vault.keys.findByValue(newKey.value)?.name ?? null
  const record = vault.keys.add({ ...guessed, ...settled })
  return { record, guess, sameValueAs }
}

export interface ChangedKey {
  before: KeyRecord
  after: KeyRecord
  /** The changes as written: a plan or scheme as the provider's id. */
  changes: KeyChanges
}

/**
 * Changes a key's fields, and its value when one is given. A change of its provider or of what its
 * tests need is checked first, then, when it would send the key somewhere it has not been, waits for
 * the user's yes in the front door's way (`ask`). `newValue`, when given, is asked for only after
 * that, so nobody types a value for a change that is refused. The vault is asked for again before
 * the write: it may have locked while the user was answering.
 */
export const updateKey = async (
  vaultNow: VaultNow,
  id: string,
  changes: KeyChanges,
  { ask, newValue }: { ask: AskBeforeWiderReach; newValue?: () => Promise<string> },
): Promise<ChangedKey> => {
  const vault = vaultNow()
  const before = vault.keys.get(id)
  const written: KeyChanges = { ...withProviderId(vault, changes) }
  if (touchesTestFields(changes)) {
    const merged = { ...before, ...definedOnly(written) }
    Object.assign(written, settleTestFields(vault, merged, written))
    const fields = { ...merged, ...definedOnly(written) }
    await ask(
      vault,
      { key: { id, fields } },
      {
        change: `Test "${before.name}" with ${fields.provider ?? 'no provider'}${fields.verifyUrl ? ` at ${fields.verifyUrl}` : ''}`,
      },
    )
  }
  if (newValue) written.value = await newValue()
  const after = vaultNow().keys.update(id, written)
  return { before, after, changes: written }
}
