// Realistic-looking fake key values, random per run, so a test that greps for them finds only ours.
import { randomBytes } from 'node:crypto'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Random letters and digits, with at least one of each: the rules for prefixless keys take only values
 * with both (drawn freely, about one 40-character token in a thousand has no digit).
 */
export const randomToken = (length: number): string => {
  for (;;) {
    const token = Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('')
    if (length < 2 || (/[0-9]/.test(token) && /[A-Za-z]/.test(token))) return token
  }
}

export const fakeKeys = {
  clipiaLive: () => `clipia_live_${randomToken(32)}`,
  clipiaTest: () => `clipia_test_${randomToken(32)}`,
  airclouLive: () => `ac_live_${randomToken(32)}`,
  airclouTest: () => `ac_test_${randomToken(32)}`,
  agentclaraLive: () => `sk_live_${randomToken(32)}`,
  clodura: () => randomToken(40),
  cloro: () => randomToken(48),
}
