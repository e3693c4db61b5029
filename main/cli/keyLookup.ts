// Finding keys by what a person types: a name (with "did you mean" when it is not there), or all
// keys matching a query, page by page.
import type { KeyQuery, KeyRecord } from '../../preload/contract'
import { KeywardError } from '../common/errors'
import type { KeyStore } from '../vault/index'
import { quoted } from './keyDisplay'
import { suggestNames } from '../references/index'

const PAGE = 1000

export const listAllKeys = (keys: KeyStore, query: KeyQuery = {}): KeyRecord[] => {
  const found: KeyRecord[] = []
  for (;;) {
    const page = keys.list({ ...query, offset: found.length, limit: PAGE })
    found.push(...page.keys)
    if (page.keys.length === 0 || found.length >= page.total) return found
  }
}

export const findKeyByName = (keys: KeyStore, name: string): KeyRecord => {
  const key = keys.findByName(name)
  if (key) return key
  const close = suggestNames(name, listAllKeys(keys).map((record) => record.name))
  const hint = close.length ? ` Did you mean ${close.map(quoted).join(', ')}?` : ''
  throw new KeywardError('not_found', `No key named ${quoted(name)} in the vault.${hint} "keyward list" shows every key.`)
}
