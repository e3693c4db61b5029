// Turns the vault's values into what workers match with, and drops the values: a keyed fingerprint and
// the length of each, and keyed 24-bit hashes of its 8-byte grams for the kernel's bitmap. A value is
// found wherever it occurs, inside any text, because any occurrence of 15 or more bytes holds a whole
// 8-byte block aligned to the text's start.
import { randomBytes } from 'node:crypto'
import { blockHashOf } from './kernel/scanKernel'
import { keyedFingerprint } from './fingerprints'
import type { VaultFingerprints } from './detectionConfig'
import type { ScanProblem, VaultKeyMatch, VaultValue } from './types'

export const MINIMUM_VAULT_VALUE_BYTES = 15

export interface PreparedVault {
  fingerprints: VaultFingerprints | null
  /** For each entry, the vault keys holding that value (current versions first). */
  owners: Array<Array<VaultKeyMatch & { provider: string | null; environment: VaultValue['environment'] }>>
  problems: ScanProblem[]
}

const randomOddKey = (): bigint => {
  const bytes = randomBytes(8)
  bytes[0]! |= 1
  return bytes.readBigUInt64LE(0)
}

export const prepareVault = (
  values: readonly VaultValue[],
  fingerprintKey: Uint8Array,
  knownPrefixOf: (value: string) => string,
): PreparedVault => {
  const vaultKey = randomOddKey()
  const entries: VaultFingerprints['entries'] = []
  const blocks: VaultFingerprints['blocks'] = []
  const owners: PreparedVault['owners'] = []
  const problems: ScanProblem[] = []
  const entryByFingerprint = new Map<string, number>()
  // Sorted when shipped: in the order first seen, they would spell out each value's unrepeated stretches.
  const characters = new Set<string>()
  for (const value of values) {
    const bytes = Buffer.from(value.value, 'utf8')
    const owner = {
      keyId: value.keyId,
      keyName: value.keyName,
      version: value.version,
      current: value.current,
      provider: value.provider ?? null,
      environment: value.environment,
    }
    if (bytes.length < MINIMUM_VAULT_VALUE_BYTES) {
      problems.push({
        code: 'vault_value_too_short',
        subject: `${value.keyName} (version ${value.version})`,
        message: `This value is shorter than ${MINIMUM_VAULT_VALUE_BYTES} characters, too short to tell from ordinary text: it is found by the rules only.`,
      })
      continue
    }
    const secretFingerprint = keyedFingerprint(fingerprintKey, 'secret', bytes)
    const known = entryByFingerprint.get(secretFingerprint)
    if (known !== undefined) {
      owners[known]!.push(owner)
      continue
    }
    const entry = entries.length
    entryByFingerprint.set(secretFingerprint, entry)
    entries.push({ length: bytes.length, secretFingerprint })
    owners.push([owner])
    for (const byte of bytes) if (byte < 128) characters.add(String.fromCharCode(byte))
    // A shared prefix (sk_live_) is in every key: leave it out when enough of the value remains.
    const prefixLength = Buffer.byteLength(knownPrefixOf(value.value))
    const first = bytes.length - prefixLength >= MINIMUM_VAULT_VALUE_BYTES ? prefixLength : 0
    for (let offset = first; offset + 8 <= bytes.length; offset++)
      blocks.push([blockHashOf(bytes, offset, vaultKey), entry, offset])
  }
  for (const list of owners)
    list.sort((left, right) => Number(right.current) - Number(left.current) || right.version - left.version)
  return {
    fingerprints:
      entries.length === 0
        ? null
        : { entries, blocks, vaultKeyHex: vaultKey.toString(16), characters: [...characters].sort().join('') },
    owners,
    problems,
  }
}
