// Finding a provider the vault knows (built in, or the user's own) by what a person types: its id
// or its name, in any case.
import { KeywardError } from '../common/errors'
import { providersOf } from '../keytests/index'
import type { KnownProvider } from '../providers/index'
import type { OpenVault } from '../vault/index'
import { printable } from './table'

export const findProviderByIdOrName = (vault: OpenVault, idOrName: string): KnownProvider | undefined => {
  const wanted = idOrName.trim().toLowerCase()
  const known = providersOf(vault)
  return (
    known.find((entry) => entry.definition.id === wanted) ??
    known.find((entry) => entry.definition.name.toLowerCase() === wanted)
  )
}

export const requireProvider = (vault: OpenVault, idOrName: string): KnownProvider => {
  const provider = findProviderByIdOrName(vault, idOrName)
  if (!provider) {
    throw new KeywardError(
      'not_found',
      `Keyward knows no provider "${printable(idOrName)}". "keyward providers" lists them.`,
    )
  }
  return provider
}
