// Realistic-looking fake key values, random per run, so a test that greps for them finds only ours.
import { randomBytes } from 'node:crypto'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const randomToken = (length: number): string =>
  Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('')

export const fakeKeys = {
  clipiaLive: () => `clipia_live_${randomToken(32)}`,
  clipiaTest: () => `clipia_test_${randomToken(32)}`,
  airclouLive: () => `ac_live_${randomToken(32)}`,
  airclouTest: () => `ac_test_${randomToken(32)}`,
  agentclaraLive: () => `sk_live_${randomToken(32)}`,
  clodura: () => randomToken(40),
  cloro: () => randomToken(48),
}
