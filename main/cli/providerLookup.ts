// The CLI names a provider as a person types it (its id or its name, in any case); when none matches,
// the message says where the list is.
import { requireProvider as requireKnownProvider } from '../key-test-service/index'
import type { KnownProvider } from '../providers/index'
import type { OpenVault } from '../vault/index'

export const requireProvider = (vault: OpenVault, idOrName: string): KnownProvider =>
  requireKnownProvider(vault, idOrName, '"keyward providers"')
