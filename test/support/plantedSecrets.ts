// Recognisable text planted in every field of a key that must never be readable on disk: a value and
// the value it replaced, a name, a tag, a note and an env var. The files are then searched for each.
import type { OpenVault } from '../../main/vault/index'
import { fakeKeys } from './fakeKeys'

export const plantedSecrets = () => ({
  value: fakeKeys.clipiaLive(),
  oldValue: fakeKeys.airclouLive(),
  name: 'Zebrafish billing production key',
  tag: 'tag-marmalade-quartz',
  note: 'note: rotate with the ocelot team',
  envVar: 'OCELOT_SECRET_VARIABLE',
})

/** Adds one key holding every planted text, then changes its value so the old one sits in its history; answers the key. */
export const plantKey = (vault: OpenVault, secrets: ReturnType<typeof plantedSecrets>) => {
  const key = vault.keys.add({
    name: secrets.name,
    value: secrets.oldValue,
    tags: [secrets.tag],
    notes: secrets.note,
    envVar: secrets.envVar,
  })
  vault.keys.update(key.id, { value: secrets.value })
  return key
}
