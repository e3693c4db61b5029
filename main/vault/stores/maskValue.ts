// How a secret is shown wherever it is not explicitly revealed: its known prefix, dots, and the
// last four characters, and only when enough stays hidden (`clipia_live_••••7hQx`).
import { maskSecret } from '../../common/secretText'
import { knownPrefixOf } from '../../providers/index'

/** The mask of a stored value, with the built-in prefix it starts with (the rule: common/secretText). */
export const maskValue = (value: string): string => maskSecret(value, knownPrefixOf(value))
