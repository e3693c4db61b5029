// Which key a reference names, among a vault's keys: by name (case-insensitive), or by
// provider/environment/name; a clear problem when it names none, or more than one; and the shortest
// reference that names a given key alone.
import type { Environment } from '#contract'
import { suggestNames } from './nameSuggestions'
import { formatNameReference, formatPathReference, parseReference, type ParsedReference } from './referenceSyntax'
import { quotedName, shownText } from '../common/shownText'

/** What resolving needs of a key: no value. KeyRecord fits. */
export interface ReferenceableKey {
  id: string
  name: string
  provider: string | null
  environment: Environment
}

export type ReferenceProblemKind = 'invalid' | 'not_found' | 'ambiguous' | 'empty_value'

export interface ReferenceProblem {
  kind: ReferenceProblemKind
  /** The reference as written. */
  reference: string
  /** What is wrong and what to write instead, for a person. */
  message: string
  /**
   * References to write instead: for `ambiguous`, one per key it could mean (each names that key
   * alone); for `not_found`, the keys whose names come close.
   */
  alternatives: string[]
}

export type ReferenceResolution<Key extends ReferenceableKey> =
  | { ok: true; reference: string; key: Key }
  | { ok: false; reference: string; problem: ReferenceProblem }

/** Names compare without regard to case or Unicode normalization (é typed either way). */
const fold = (text: string): string => text.normalize('NFC').toLowerCase()
const same = (left: string, right: string): boolean => left.normalize('NFC') === right.normalize('NFC')
const pathKey = (provider: string, environment: string, name: string): string =>
  `${fold(provider)}\u0000${environment}\u0000${fold(name)}`

const MAX_SUGGESTIONS = 3

/**
 * The keys of one vault, indexed once so that resolving hundreds of references (a template) or
 * finding the reference of every key (an environment's view) stays linear.
 */
export class ReferenceResolver<Key extends ReferenceableKey> {
  private readonly byName = new Map<string, Key[]>()
  private readonly byPath = new Map<string, Key[]>()

  constructor(readonly keys: readonly Key[]) {
    for (const key of keys) {
      append(this.byName, fold(key.name), key)
      if (key.provider !== null) append(this.byPath, pathKey(key.provider, key.environment, key.name), key)
    }
  }

  /**
   * Every key the reference could mean. Names match whatever their case; when that gives several
   * keys and exactly one is spelled as written, that one is meant.
   */
  candidates(reference: ParsedReference): Key[] {
    const { path } = reference
    const byName = this.byName.get(fold(reference.name)) ?? []
    const byPath = path ? (this.byPath.get(pathKey(path.provider, path.environment, path.name)) ?? []) : []
    const found = [...new Set([...byName, ...byPath])]
    if (found.length < 2) return found
    const exact = found.filter(
      (key) =>
        (byName.includes(key) && same(key.name, reference.name)) ||
        (path !== null && byPath.includes(key) && same(key.name, path.name) && key.provider === path.provider),
    )
    return exact.length === 1 ? exact : found
  }

  resolve(written: string | ParsedReference): ReferenceResolution<Key> {
    let reference: ParsedReference
    try {
      reference = typeof written === 'string' ? parseReference(written) : written
    } catch (error) {
      const text = typeof written === 'string' ? written.trim() : written.text
      return {
        ok: false,
        reference: text,
        problem: { kind: 'invalid', reference: text, message: (error as Error).message, alternatives: [] },
      }
    }
    const found = this.candidates(reference)
    if (found.length === 1) return { ok: true, reference: reference.text, key: found[0]! }
    return {
      ok: false,
      reference: reference.text,
      problem: found.length === 0 ? this.notFound(reference) : this.ambiguous(reference, found),
    }
  }

  /**
   * The shortest reference that names this key alone: its name when no other key answers to it,
   * else provider/environment/name, else the name with its slashes escaped (a name such as
   * "clipia/live/prod" reads as a path too).
   */
  referenceFor(key: Key): string {
    const forms = [formatNameReference(key.name)]
    if (key.provider !== null) forms.push(formatPathReference(key.provider, key.environment, key.name))
    if (key.name.includes('/')) forms.push(formatNameReference(key.name, { escapeSlashes: true }))
    return forms.find((form) => this.namesOnly(form, key)) ?? forms.at(-1)!
  }

  private namesOnly(form: string, key: Key): boolean {
    const found = this.candidates(parseReference(form))
    return found.length === 1 && found[0]!.id === key.id
  }

  private notFound(reference: ParsedReference): ReferenceProblem {
    const wanted = [reference.name, ...(reference.path ? [reference.path.name] : [])]
    const names = this.keys.map((key) => key.name)
    const close = [...new Set(wanted.flatMap((name) => suggestNames(name, names, MAX_SUGGESTIONS)))].slice(
      0,
      MAX_SUGGESTIONS,
    )
    const alternatives = close.flatMap((name) =>
      (this.byName.get(fold(name)) ?? []).map((key) => this.referenceFor(key)),
    )
    const hint = alternatives.length ? ` Did you mean ${alternatives.map(shownText).join(', ')}?` : ''
    return {
      kind: 'not_found',
      reference: reference.text,
      message: `No key matches ${shownText(reference.text)}.${hint}`,
      alternatives,
    }
  }

  private ambiguous(reference: ParsedReference, found: readonly Key[]): ReferenceProblem {
    const alternatives = found.map((key) => this.referenceFor(key))
    const keys = found.map((key) => `${quotedName(key.name)} (${key.provider ?? 'no provider'}, ${key.environment})`)
    return {
      kind: 'ambiguous',
      reference: reference.text,
      message: `${shownText(reference.text)} could mean ${found.length} keys: ${keys.join(', ')}. Write ${alternatives.map(shownText).join(' or ')} to say which.`,
      alternatives,
    }
  }
}

const append = <Key>(map: Map<string, Key[]>, key: string, value: Key): void => {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Resolves one reference against a list of keys (build a ReferenceResolver to resolve many). */
export const resolveReference = <Key extends ReferenceableKey>(
  reference: string | ParsedReference,
  keys: readonly Key[],
): ReferenceResolution<Key> => new ReferenceResolver(keys).resolve(reference)

/** The shortest reference that names the key alone among allKeys. */
export const referenceFor = <Key extends ReferenceableKey>(key: Key, allKeys: readonly Key[]): string =>
  new ReferenceResolver(allKeys).referenceFor(key)

/**
 * The problem of a reference that resolved to a key whose value is empty (or only spaces): nothing
 * worth injecting.
 */
export const emptyValueProblem = (reference: string, key: ReferenceableKey): ReferenceProblem => ({
  kind: 'empty_value',
  reference,
  message: `${shownText(reference)} names ${quotedName(key.name)}, whose value is empty. Give the key its value first.`,
  alternatives: [],
})

/** A value that cannot be injected: empty, or only spaces and line breaks. */
export const isEmptyValue = (value: string): boolean => value.trim() === ''
