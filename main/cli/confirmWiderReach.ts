// A stored change that widens where keys are sent (providers set-base-url, trust-ca, add; edit
// --provider, --verify-url) says what it widens and goes ahead only with a yes typed at the terminal,
// or --yes where there is none to ask. The answer is in the audit log, as the app's is.
import { KeywardError } from '../common/errors'
import { recordReachAnswer, widerReachOf, type AskBeforeWiderReach, type ReachChange } from '../key-test-service/index'
import type { OpenVault } from '../vault/index'
import type { CliContext } from './context'
import { CommandStopped, EXIT_FAILURE } from './failures'
import { confirm } from './prompt'
import { printable } from './table'

const keysInWords = (keyNames: string[], laterKeysOf: string | null): string => {
  const named = keyNames.slice(0, 10).map((name) => `"${printable(name)}"`)
  if (keyNames.length > 10) named.push(`${keyNames.length - 10} more`)
  if (laterKeysOf !== null) named.push(`every ${printable(laterKeysOf)} key added later`)
  return named.length ? named.join(', ') : 'no key yet'
}

export const confirmWiderReach = async (
  context: CliContext,
  vault: OpenVault,
  change: ReachChange,
  { yes, caCertificate, change: changeInWords }: { yes: boolean; caCertificate?: string; change: string },
): Promise<void> => {
  const wider = widerReachOf(vault, change)
  if (wider === null) return
  const hosts = wider.hosts.map(printable).join(', ')
  const ca = wider.trustsNewCa && caCertificate ? `, trusting the CA certificate in ${printable(caCertificate)}` : ''
  context.io.stderr.write(
    `keyward: this sends key values to ${hosts}${ca}: ${keysInWords(wider.keyNames, wider.laterKeysOf)}.\n`,
  )
  // The answer goes into the audit log as the app's dialog's does; a change refused for want of a
  // terminal was never put to the user, so it leaves no answer.
  const answer = (allowed: boolean) => recordReachAnswer(vault, { allowed, hosts: wider.hosts, change: changeInWords })
  if (yes) return answer(true)
  const terminal = context.terminal()
  if (!terminal) {
    throw new KeywardError(
      'not_confirmed',
      `Nothing changed: there is no terminal to confirm on. Add --yes to send keys to ${hosts}.`,
    )
  }
  const allowed = await confirm(terminal, `Send key values to ${hosts}?`)
  answer(allowed)
  if (!allowed) throw new CommandStopped('Nothing changed.', EXIT_FAILURE)
}

/** The terminal's way of asking before keys go somewhere new: a y/N question, or --yes. */
export const askAtTerminal =
  (context: CliContext, yes: boolean): AskBeforeWiderReach =>
  (vault, change, words) =>
    confirmWiderReach(context, vault, change, { yes, caCertificate: words.caCertificate, change: words.change })
