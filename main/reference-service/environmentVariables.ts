// Keys as environment variables: the variable each key lands on, a dotenv line, and an environment's
// view (each variable with the reference that fills it and whether it resolves; masked values only).
import type { Environment, EnvironmentView } from '#contract'
import { KeywardError } from '../common/errors'
import { envVarFromName, quoteEnvValue } from '../envfile/index'
import { providerCatalog } from '../providers/index'
import { ReferenceResolver, type ReferenceableKey } from './referenceResolver'
import { quotedName } from '../common/shownText'

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** What a key's variable is made from. */
export interface VariableSource {
  name: string
  provider: string | null
  envVar: string | null
}

/** The provider ids and the variable each names for its keys (the built-in catalog by default). */
export type ProviderVariables = readonly { id: string; envVar: string }[]

/**
 * The variable a key is injected as: its own env var when set; else its provider's (CLIPIA_KEY for
 * Clipia); else one made from the provider's id (my-llm: MY_LLM_KEY); else from its name.
 */
export const defaultEnvVarName = (key: VariableSource, providers: ProviderVariables = providerCatalog): string => {
  if (key.envVar) return key.envVar
  if (key.provider === null) return envVarFromName(key.name)
  const known = providers.find((provider) => provider.id === key.provider)
  if (known) return known.envVar
  return `${envVarFromName(key.provider)}_KEY`
}

/** One NAME=value line that dotenv reads back exactly (quoted as `keyward export` quotes). */
export const envLineFor = (name: string, value: string): string => {
  if (!VARIABLE_NAME.test(name)) {
    throw new KeywardError(
      'invalid_argument',
      `${quotedName(name)} is not a variable name: use letters, digits and _, not starting with a digit.`,
    )
  }
  return `${name}=${quoteEnvValue(name, value)}`
}

export type EnvironmentVariableStatus = 'ok' | 'clash' | 'ambiguous'

export interface EnvironmentVariableView {
  variable: string
  keyId: string
  keyName: string
  provider: string | null
  /** The reference that fills the variable, e.g. keyward://Clipia live. */
  reference: string
  /** The line for a template: CLIPIA_KEY='keyward://Clipia live'. */
  line: string
  maskedValue: string
  /** ok: resolves to this key alone; clash: another key of the environment sets the same variable. */
  status: EnvironmentVariableStatus
  /** Why the status is not ok, in words; null when it is. */
  problem: string | null
}

type ViewableKey = ReferenceableKey & VariableSource & { maskedValue: string }

/**
 * For one environment: each key as its variable, with the reference that fills it and whether it
 * resolves. allKeys is the whole vault (a reference must name its key alone among all of them).
 */
export const resolveEnvironmentView = <Key extends ViewableKey>(
  allKeys: readonly Key[],
  environment: Environment,
  providers: ProviderVariables = providerCatalog,
): EnvironmentView => {
  const resolver = new ReferenceResolver(allKeys)
  const chosen = allKeys
    .filter((key) => key.environment === environment)
    .map((key) => ({ key, variable: defaultEnvVarName(key, providers), reference: resolver.referenceFor(key) }))
    .sort((left, right) => left.variable.localeCompare(right.variable) || left.key.name.localeCompare(right.key.name))
  const keysByVariable = new Map<string, Key[]>()
  for (const { key, variable } of chosen) keysByVariable.set(variable, [...(keysByVariable.get(variable) ?? []), key])
  const variables = chosen.map(({ key, variable, reference }): EnvironmentVariableView => {
    const resolution = resolver.resolve(reference)
    const others = (keysByVariable.get(variable) ?? []).filter((other) => other.id !== key.id)
    const status: EnvironmentVariableStatus =
      !resolution.ok || resolution.key.id !== key.id ? 'ambiguous' : others.length ? 'clash' : 'ok'
    const problem =
      status === 'ambiguous'
        ? resolution.ok
          ? `${reference} names another key.`
          : resolution.problem.message
        : status === 'clash'
          ? `${variable} is also set by ${others.map((other) => quotedName(other.name)).join(', ')}; give one of them another env var.`
          : null
    return {
      variable,
      keyId: key.id,
      keyName: key.name,
      provider: key.provider,
      reference,
      line: envLineFor(variable, reference),
      maskedValue: key.maskedValue,
      status,
      problem,
    }
  })
  return { environment, variables, template: variables.map((entry) => `${entry.line}\n`).join('') }
}
