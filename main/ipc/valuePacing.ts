// How many key values the window may show or copy before main asks for the master password again.
// A person copies a handful of keys while setting up a project; a compromised window would read them
// all. Past the allowance, main answers reauth_required until the password is typed again.
import type { Clock } from '../common/clock'
import { KeywardError } from '../common/errors'

export interface ValueAllowance {
  values: number
  withinMilliseconds: number
  inWords: string
}

/**
 * Values shown or copied (reveal, copy, copy as env line, copy old value) before the master password
 * is asked again. Each window counts since the last unlock or password re-entry. Password managers ask
 * for the password per item only for items marked so (Bitwarden's "master password re-prompt", which
 * asks on every reveal or copy); otherwise a session shows values freely until it locks. A developer
 * fills a project's .env with 3 to 5 keys in a minute, and seldom 20 within 10 minutes; a script
 * reading hundreds a minute meets the prompt at the 6th.
 */
export const VALUE_ALLOWANCE: readonly ValueAllowance[] = [
  { values: 5, withinMilliseconds: 60_000, inWords: '5 in a minute' },
  { values: 20, withinMilliseconds: 10 * 60_000, inWords: '20 in 10 minutes' },
]

export class ValuePacer {
  private shownAt: number[] = []

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly allowance: readonly ValueAllowance[] = VALUE_ALLOWANCE,
  ) {}

  /** Counts one value shown or copied, or refuses with reauth_required when the allowance is spent. */
  take(): void {
    const now = this.clock.now()
    const longest = Math.max(...this.allowance.map((entry) => entry.withinMilliseconds))
    this.shownAt = this.shownAt.filter((at) => at > now - longest && at <= now)
    const spent = this.allowance.find(
      (entry) => this.shownAt.filter((at) => at > now - entry.withinMilliseconds).length >= entry.values,
    )
    if (spent) {
      throw new KeywardError(
        'reauth_required',
        `Keyward shows or copies at most ${spent.inWords} without asking again: type your master password to go on. Nothing was shown or copied.`,
      )
    }
    this.shownAt.push(now)
  }

  /** The master password was typed (unlock or re-entry): the allowance starts afresh. */
  renew(): void {
    this.shownAt = []
  }
}
