// The secret reference syntax: keyward://KEY NAME, or keyward://provider/environment/name, with
// URL-style escapes (%20, %2F) accepted anywhere in the part after keyward://.
import type { Environment } from '#contract'
import { ENVIRONMENTS } from '#contract/contractWords'
import { KeywardError } from '../common/errors'
import { REFERENCE_SCHEME, isReference } from '../common/referenceScheme'
import { shownText } from '../common/shownText'

export { REFERENCE_SCHEME, isReference }

export interface ReferencePath {
  provider: string
  environment: Environment
  name: string
}

export interface ParsedReference {
  /** The reference as written (scheme included, spaces around it left out), for messages. */
  text: string
  /** The key name it names: everything after keyward://, escapes decoded. */
  name: string
  /** Set when it also reads as provider/environment/name (the second part live, test or other). */
  path: ReferencePath | null
}

/**
 * Decodes each run of %XX escapes that spells valid UTF-8; anything else is kept as written, so a
 * name like "50% off" needs no escaping.
 */
export const decodeEscapes = (text: string): string =>
  text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })

const isEnvironment = (text: string): text is Environment => (ENVIRONMENTS as readonly string[]).includes(text)

/** Reads a reference; throws when the text is not one, or names nothing. */
export const parseReference = (written: string): ParsedReference => {
  const text = written.trim()
  if (!text.startsWith(REFERENCE_SCHEME)) {
    throw new KeywardError(
      'invalid_argument',
      `${shownText(text)} is not a Keyward reference: a reference starts with ${REFERENCE_SCHEME}.`,
    )
  }
  const body = text.slice(REFERENCE_SCHEME.length).trim()
  const name = decodeEscapes(body).trim()
  if (!name) {
    throw new KeywardError(
      'invalid_argument',
      `${shownText(text)} names no key: write ${REFERENCE_SCHEME}KEY NAME or ${REFERENCE_SCHEME}provider/environment/name.`,
    )
  }
  return { text, name, path: parsePath(body) }
}

const parsePath = (body: string): ReferencePath | null => {
  const first = body.indexOf('/')
  const second = first < 0 ? -1 : body.indexOf('/', first + 1)
  if (second < 0) return null
  const provider = decodeEscapes(body.slice(0, first)).trim()
  const environment = decodeEscapes(body.slice(first + 1, second))
    .trim()
    .toLowerCase()
  const name = decodeEscapes(body.slice(second + 1)).trim()
  if (!provider || !name || !isEnvironment(environment)) return null
  return { provider, environment, name }
}

/**
 * Characters a written reference escapes so it reads back as the same name wherever it is put: in a
 * template (quotes, line breaks and " #" would end it there, "}}" would close a {{ }} form), or as
 * a variable's value. A % is escaped only where it would otherwise be read as an escape.
 */
const encodeName = (name: string, { slashes }: { slashes: boolean }): string =>
  name
    .replace(/%(?=[0-9A-Fa-f]{2})/g, '%25')
    .replace(/["'`}\p{Cc}]/gu, escapeCharacter)
    .replace(/(\s)#/g, '$1%23')
    .replace(/\//g, slashes ? '%2F' : '/')
    .replace(/^\s|\s$/g, escapeCharacter)

const utf8 = new TextEncoder()
const escapeCharacter = (character: string): string =>
  Array.from(utf8.encode(character), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')

export const formatNameReference = (name: string, { escapeSlashes = false } = {}): string =>
  `${REFERENCE_SCHEME}${encodeName(name, { slashes: escapeSlashes })}`

export const formatPathReference = (provider: string, environment: Environment, name: string): string =>
  `${REFERENCE_SCHEME}${encodeName(provider, { slashes: true })}/${environment}/${encodeName(name, { slashes: false })}`
