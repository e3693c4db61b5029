// Key facts and a policy for the pure rotation tests: a live key rotated at a fixed time.
import type { RotationFacts } from '../../../main/rotation-service/index'
import type { RotationPolicy } from '#contract'
import { DEFAULT_ROTATION_POLICY } from '../../../main/vault/index'

export const DAY = 86_400_000
export const START = Date.UTC(2026, 0, 1, 9, 0, 0)

export const policy = (changes: Partial<RotationPolicy> = {}): RotationPolicy => ({
  ...DEFAULT_ROTATION_POLICY,
  leadTimesDays: [...DEFAULT_ROTATION_POLICY.leadTimesDays],
  ...changes,
})

export const facts = (changes: Partial<RotationFacts> = {}): RotationFacts => ({
  keyId: 'key-1',
  name: 'Stripe prod',
  environment: 'live',
  providerName: null,
  providerPeriodDays: null,
  keyPeriodDays: null,
  lastRotatedAt: new Date(START).toISOString(),
  expiresAt: null,
  providerExpiresAt: null,
  lastTest: null,
  leakedAt: null,
  snoozedUntil: null,
  rotationStage: null,
  ...changes,
})

export const at = (days: number, extraMilliseconds = 0): number => START + days * DAY + extraMilliseconds
export const isoAt = (days: number, extraMilliseconds = 0): string =>
  new Date(at(days, extraMilliseconds)).toISOString()
