// The providers a vault knows: the built-in catalog plus the user's own definitions, which follow the
// same schema and are refused with the schema's own words when they do not.
import { KeywardError } from '../common/errors'
import { providerCatalog } from './catalog'
import { ProviderDefinition } from './schema'

/** Parses and checks a user's provider definition (JSON text). */
export const parseCustomProvider = (definitionJson: string): ProviderDefinition => {
  let parsed: unknown
  try {
    parsed = JSON.parse(definitionJson)
  } catch (error) {
    throw new KeywardError(
      'invalid_argument',
      `The provider definition is not valid JSON: ${(error as Error).message}.`,
    )
  }
  const result = ProviderDefinition.safeParse(parsed)
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 4)
      .map((issue) => `${issue.path.join('.') || 'definition'}: ${issue.message}`)
      .join('; ')
    throw new KeywardError('invalid_argument', `The provider definition is not valid: ${issues}.`)
  }
  if (providerCatalog.some((builtin) => builtin.id === result.data.id)) {
    throw new KeywardError('invalid_argument', `"${result.data.id}" is a built-in provider; give yours another id.`)
  }
  return result.data
}

export interface KnownProvider {
  definition: ProviderDefinition
  custom: boolean
}

/** Built-in providers first, then the user's; a stored definition that no longer parses is left out. */
export const knownProviders = (customDefinitions: readonly string[]): KnownProvider[] => {
  const custom: KnownProvider[] = []
  for (const text of customDefinitions) {
    try {
      custom.push({ definition: parseCustomProvider(text), custom: true })
    } catch {
      // A definition saved by a newer Keyward with fields this one does not know: skip, keep the rest.
    }
  }
  return [...providerCatalog.map((definition) => ({ definition, custom: false })), ...custom]
}
