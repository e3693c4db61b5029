// A new key with its provider, environment and variable guessed from the built-in providers, as the
// app and the CLI fill them in before adding a key (the vault itself guesses nothing).
import { guessKey, withGuessedFields } from '../../main/providers/index'
import type { NewKey } from '#contract'

export const guessed = (newKey: NewKey): NewKey =>
  withGuessedFields(newKey, guessKey(newKey.value, newKey.envVar ?? undefined))
