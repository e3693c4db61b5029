// The environment `keyward run` gives its command. Its own module, apart from keyInjection.ts (which
// chooses the keys, on the vault's side): the command's side of a run through the agent loads only this.

/**
 * Keyward's own variables (KEYWARD_VAULT, KEYWARD_PASSWORD_FILE, KEYWARD_DEBUG …) say where the vault
 * and its password are: the command is given the keys it asked for, never the way to all the others.
 */
const KEYWARD_VARIABLE = /^KEYWARD_/i

/**
 * The command's environment: ours without Keyward's own variables, then the keys. A null-prototype
 * object, so a variable named __proto__ is a variable like any other.
 */
export const commandEnvironment = (
  inherited: Readonly<Record<string, string | undefined>>,
  keys: ReadonlyMap<string, string>,
): Record<string, string> => {
  const env = Object.create(null) as Record<string, string>
  for (const [variable, value] of Object.entries(inherited))
    if (value !== undefined && !KEYWARD_VARIABLE.test(variable)) env[variable] = value
  for (const [variable, value] of keys) env[variable] = value
  return env
}
