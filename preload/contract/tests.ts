// The contract's auth-test types: one test of a key, what the provider told about it, and a
// background run over many keys with why a key was not tested.
import { z } from 'zod'
import { TEST_OUTCOMES } from '../statusWords'

export const TestOutcome = z.enum(TEST_OUTCOMES)
export type TestOutcome = z.infer<typeof TestOutcome>

/** What a provider's verify answer told about a key. */
export const ProviderFacts = z.object({
  permissions: z.array(z.string()).optional(),
  keyId: z.string().optional(),
  expiresAt: z.string().optional(),
  credits: z.number().optional(),
  balance: z.number().optional(),
  plan: z.string().optional(),
  /** When the provider said so. */
  observedAt: z.string(),
})
export type ProviderFacts = z.infer<typeof ProviderFacts>

export const KeyTest = z.object({
  id: z.number().int(),
  keyId: z.string(),
  keyVersion: z.number().int(),
  testedAt: z.string(),
  outcome: TestOutcome,
  /** What the answer means and what to do, in words. */
  reason: z.string(),
  providerMessage: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  latencyMilliseconds: z.number().nullable(),
  attempts: z.number().int(),
  nextTestAt: z.string().nullable(),
})
export type KeyTest = z.infer<typeof KeyTest>

/**
 * Why a key was not tested, for grouping ("4 Cloro keys need a verify URL"): no_provider, a provider
 * Keyward does not know, one it cannot test, no verify URL (Cloro), a value no header can carry, the
 * provider's settings or definition (scheme, plan, base URL), held back by the plan's limits, other.
 */
export const UNTESTED_CAUSES = [
  'no_provider',
  'unknown_provider',
  'no_auth_test',
  'no_verify_url',
  'unsendable_value',
  'provider_settings',
  'rate_limited',
  'other',
] as const
export type UntestedCause = (typeof UNTESTED_CAUSES)[number]

export const TestRunStatus = z.object({
  state: z.enum(['running', 'finished', 'canceled']),
  total: z.number().int(),
  done: z.number().int(),
  counts: z.record(TestOutcome, z.number().int()),
  /** Keys Keyward could not test (no provider, no verify URL…), with why; provider: the key's, as stored. */
  skipped: z.array(
    z.object({
      keyId: z.string(),
      name: z.string(),
      reason: z.string(),
      provider: z.string().nullable(),
      cause: z.enum(UNTESTED_CAUSES),
    }),
  ),
  /** Keys whose test is under way (sent, or waiting for its slot) at this moment. */
  inFlight: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** While keys wait for their plan's limits: the earliest time the next one may go. */
  waitingUntil: z.string().nullable(),
})
export type TestRunStatus = z.infer<typeof TestRunStatus>
