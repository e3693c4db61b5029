// Which keys a `keyward run` gives its command, under which variables: chosen by --env, --tag and
// --only, and by the variables that hold keyward:// references; every problem named, nothing run.
// Shared by the command and by the unlocked agent, which prepares the same injection from its vault.
import { type Environment, type KeyRecord } from '#contract'
import { KeywardError } from '../common/errors'
import { knownProviders } from '../providers/index'
import {
  ReferenceResolver,
  defaultEnvVarName,
  emptyValueProblem,
  isEmptyValue,
  isReference,
  parseReference,
  quotedName,
  shownText,
  type ParsedReference,
  type ProviderVariables,
} from '../reference-service/index'
import type { OpenVault } from '../vault/index'
import { CommandStopped, EXIT_FAILURE } from './failures'
import { listAllKeys } from './keyLookup'

export interface RunOptions {
  env?: Environment
  tag?: string
  only?: string[]
  /** false with --no-mask. */
  mask: boolean
}

/** What the command is given: each variable with its value, and the values to mask. */
interface Injection {
  variables: Map<string, string>
  values: string[]
  /** The keys given, by name (what the open app asks the user about). */
  keyNames: string[]
}

/** One variable's source while the environment is assembled. */
interface Setter {
  key: KeyRecord
  /** "CLIPIA_KEY=keyward://Clipia live" for a reference found in the environment; null for a chosen key. */
  fromReference: string | null
}

const LIST_HINT = '"keyward list" shows every key.'

/** --only takes a key's name as it is (no escapes, no path), or a keyward:// reference. */
const onlyReference = (written: string): string | ParsedReference =>
  isReference(written) ? written : { text: written.trim(), name: written.trim(), path: null }

const describeFilters = (options: RunOptions): string =>
  [options.env ? `--env ${options.env}` : '', options.tag ? `--tag ${shownText(options.tag)}` : '']
    .filter(Boolean)
    .join(' and ')

/** The keys --env, --tag and --only choose, and the problems with what --only names. */
const chooseKeys = (allKeys: readonly KeyRecord[], options: RunOptions, problems: string[]): KeyRecord[] => {
  const candidates = allKeys.filter(
    (key) => (!options.env || key.environment === options.env) && (!options.tag || key.tags.includes(options.tag)),
  )
  if (!options.only) {
    if (candidates.length === 0 && (options.env || options.tag))
      problems.push(`No key matches ${describeFilters(options)}.`)
    return candidates
  }
  const within = new ReferenceResolver(candidates)
  const anywhere = new ReferenceResolver(allKeys)
  const chosen: KeyRecord[] = []
  for (const written of options.only) {
    const resolution = within.resolve(onlyReference(written))
    if (resolution.ok) {
      if (!chosen.includes(resolution.key)) chosen.push(resolution.key)
      continue
    }
    const elsewhere = resolution.problem.kind === 'not_found' ? anywhere.resolve(onlyReference(written)) : null
    problems.push(
      elsewhere?.ok
        ? `--only ${shownText(written)}: ${quotedName(elsewhere.key.name)} is a ${elsewhere.key.environment} key${elsewhere.key.tags.length ? ` tagged ${elsewhere.key.tags.map(shownText).join(', ')}` : ''}, which ${describeFilters(options)} leaves out.`
        : `--only ${shownText(written)}: ${resolution.problem.message}`,
    )
  }
  return chosen
}

/** A reference as written, or null when it does not read as one (the resolver then says why). */
const parsedOrNull = (written: string | ParsedReference): ParsedReference | null => {
  if (typeof written !== 'string') return written
  try {
    return parseReference(written)
  } catch {
    return null
  }
}

/**
 * The keys a run could name, from the indexes rather than a listing of the vault: every key its
 * --env/--tag choose, and every key its references and --only names could match (the resolver judges
 * among those exactly as among all keys).
 */
const keysTheRunCouldName = (
  vault: OpenVault,
  options: RunOptions,
  references: readonly [string, string][],
): KeyRecord[] => {
  const named = [...references.map(([, written]) => written), ...(options.only ?? []).map(onlyReference)].map(
    parsedOrNull,
  )
  const found = new Map<string, KeyRecord>()
  if (options.env || options.tag)
    for (const key of listAllKeys(vault.keys, { environment: options.env, tag: options.tag })) found.set(key.id, key)
  for (const key of vault.keys.referenceCandidates(named.filter((reference) => reference !== null)))
    found.set(key.id, key)
  return [...found.values()]
}

/**
 * Resolves the environment's references and the chosen keys into variables, or lists every problem.
 * Only the keys the run could name are read; when something is wrong, the whole vault is, so that
 * each message can offer the names that are close.
 */
export const prepareInjection = (
  vault: OpenVault,
  options: RunOptions,
  references: readonly [string, string][],
): Injection => {
  try {
    return injectionFrom(vault, keysTheRunCouldName(vault, options, references), options, references)
  } catch (error) {
    if (!(error instanceof CommandStopped) && !(error instanceof KeywardError && error.code === 'invalid_argument'))
      throw error
    return injectionFrom(vault, listAllKeys(vault.keys), options, references)
  }
}

const injectionFrom = (
  vault: OpenVault,
  allKeys: readonly KeyRecord[],
  options: RunOptions,
  references: readonly [string, string][],
): Injection => {
  const resolver = new ReferenceResolver(allKeys)
  const providers: ProviderVariables = knownProviders(
    vault.providers.customDefinitions().map((entry) => entry.definition),
  ).map((known) => known.definition)
  const problems: string[] = []
  const setters = new Map<string, Setter>()
  const values = new Map<string, string>()
  const valueOf = (key: KeyRecord): string => {
    let value = values.get(key.id)
    if (value === undefined) {
      value = vault.keys.revealValue(key.id)
      values.set(key.id, value)
    }
    return value
  }

  for (const [variable, written] of references) {
    const resolution = resolver.resolve(written)
    if (!resolution.ok) {
      problems.push(`${variable}: ${resolution.problem.message}`)
    } else if (isEmptyValue(valueOf(resolution.key))) {
      problems.push(`${variable}: ${emptyValueProblem(resolution.reference, resolution.key).message}`)
    } else {
      setters.set(variable, { key: resolution.key, fromReference: `${variable}=${shownText(resolution.reference)}` })
    }
  }

  const chosen = options.env || options.tag || options.only ? chooseKeys(allKeys, options, problems) : []
  const chosenByVariable = new Map<string, KeyRecord[]>()
  for (const key of chosen) {
    const variable = defaultEnvVarName(key, providers)
    chosenByVariable.set(variable, [...(chosenByVariable.get(variable) ?? []), key])
  }
  for (const [variable, keys] of chosenByVariable) {
    if (keys.length > 1) {
      problems.push(
        `${variable} would be set by ${keys.length} keys: ${keys.map((key) => quotedName(key.name)).join(', ')}. Choose one with --env or --only, or give each its own variable with "keyward edit NAME --env-var VAR".`,
      )
      continue
    }
    const key = keys[0]!
    const earlier = setters.get(variable)
    if (earlier && earlier.key.id !== key.id) {
      problems.push(
        `${variable} is set twice: ${earlier.fromReference} names ${quotedName(earlier.key.name)}, and the chosen key ${quotedName(key.name)} lands on ${variable} too. Leave one out (--only), or give the key another variable with "keyward edit NAME --env-var VAR".`,
      )
    } else if (isEmptyValue(valueOf(key))) {
      problems.push(
        `${quotedName(key.name)}, chosen for ${variable}, has an empty value. Give the key its value first, or leave it out with --only.`,
      )
    } else {
      setters.set(variable, { key, fromReference: earlier?.fromReference ?? null })
    }
  }

  if (problems.length) {
    const hint = problems.some((problem) => problem.includes('No key matches')) ? ` ${LIST_HINT}` : ''
    if (problems.length === 1) throw new KeywardError('invalid_argument', `${problems[0]} Nothing was run.${hint}`)
    // One "keyward:" line each, as every message is shown.
    throw new CommandStopped(
      [...problems, `${problems.length} problems; nothing was run.${hint}`].join('\nkeyward: '),
      EXIT_FAILURE,
    )
  }
  const variables = new Map([...setters].map(([variable, setter]) => [variable, valueOf(setter.key)]))
  const keyNames = [...new Set([...setters.values()].map((setter) => setter.key.name))]
  return { variables, values: [...new Set(variables.values())], keyNames }
}
