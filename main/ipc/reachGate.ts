// Holds back a change that widens where keys are sent until the user allows it in main's own
// confirmation; a declined change answers not_confirmed and changes nothing. One question at a time,
// so a window cannot stack dialogs for a tired click to land on.
import { KeywardError } from '../common/errors'
import { recordReachAnswer, widerReachOf, type ReachChange } from '../key-test-service/index'
import type { OpenVault } from '../vault/index'
import type { Confirmations } from './confirmations'

export interface ReachGate {
  /** Resolves when the change widens nothing or the user allowed it; otherwise throws not_confirmed. */
  allow(vault: OpenVault, change: ReachChange, words: { change: string; caCertificate?: string }): Promise<void>
}

export const createReachGate = (confirmations: Confirmations): ReachGate => {
  let asking = false
  return {
    async allow(vault, change, words) {
      const wider = widerReachOf(vault, change)
      if (wider === null) return
      if (asking) {
        throw new KeywardError(
          'vault_busy',
          'Keyward is already asking you to confirm a change in its own dialog: answer that one first. Nothing changed.',
        )
      }
      const hosts = wider.hosts.join(', ')
      asking = true
      let allowed = false
      try {
        allowed = await confirmations.confirmWiderReach({
          change: words.change,
          hosts: wider.hosts,
          keyNames: wider.keyNames,
          laterKeysOf: wider.laterKeysOf,
          caCertificate: wider.trustsNewCa ? (words.caCertificate ?? null) : null,
        })
      } finally {
        asking = false
      }
      recordReachAnswer(vault, { allowed, hosts: wider.hosts, change: words.change })
      if (!allowed) {
        throw new KeywardError('not_confirmed', `You declined sending keys to ${hosts}: nothing changed.`)
      }
    },
  }
}
