// The schema every provider definition follows, built-in or added by the user: how its keys look,
// where they may be sent, how to authenticate, how to verify one, and what each answer means.
// Definitions are data only: no code runs from them, body matches are plain substrings, not regexes.
import { z } from 'zod'
import { isHttpsUrl } from './httpsOnly'
import { Environment, TEST_OUTCOMES, TestOutcome } from '#contract'

export { TEST_OUTCOMES, TestOutcome }

const Hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  message: 'a host name such as api.example.com',
})

export const HttpsUrl = z.string().url().refine(isHttpsUrl, {
  message: 'must be an https:// URL with no user name or password: keys are never sent in the clear',
})

export const AuthScheme = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  header: z.string().regex(/^[A-Za-z0-9-]+$/),
  /** The header's value, with {key} where the key goes: "Bearer {key}". */
  template: z.string().includes('{key}'),
})
export type AuthScheme = z.infer<typeof AuthScheme>

export const RateLimits = z.object({
  perSecond: z.number().int().positive().optional(),
  perMinute: z.number().int().positive().optional(),
  perDay: z.number().int().positive().optional(),
})
export type RateLimits = z.infer<typeof RateLimits>

export const Plan = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1), limits: RateLimits })
export type Plan = z.infer<typeof Plan>

const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()])

const HttpStatus = z.number().int().min(100).max(599)

/** Outcomes that condemn a key: recorded in its history as the provider's verdict on it. */
export const CONDEMNING_OUTCOMES: readonly TestOutcome[] = ['invalid', 'forbidden', 'expired']

/**
 * Only a client error (4xx) is a provider's verdict on a key. A server failure (5xx), a redirect
 * (3xx), a success or a status outside HTTP's classes says nothing about the key, whatever its body
 * reads ("could not check the Bearer token right now"): such an answer never condemns a key.
 */
export const statusMayCondemn = (status: number): boolean => status >= 400 && status <= 499

/** The statuses a rule's `when.status` names, as a list. */
export const statusesOf = (status: number | readonly number[]): readonly number[] =>
  Array.isArray(status) ? status : [status as number]

/**
 * What an answer must look like for a rule to apply; every condition given must hold. `status` is
 * required: a rule that reads only the body would read a gateway's error page the same as the
 * provider's verdict.
 */
export const AnswerCondition = z.object({
  status: z.union([HttpStatus, z.array(HttpStatus).min(1)], {
    error: (issue) =>
      issue.input === undefined
        ? 'every rule names the statuses it applies to (a number or a list of 100-599): a body alone is no verdict'
        : undefined,
  }),
  /** The body parses as JSON. */
  json: z.boolean().optional(),
  /** A dotted path in the JSON body equals this value ("error.code"). */
  jsonEquals: z.object({ path: z.string().min(1), value: JsonScalar }).optional(),
  /** The JSON body has this dotted path. */
  jsonHas: z.string().min(1).optional(),
  /** The body holds one of these texts (case-insensitive, plain text). */
  bodyIncludes: z.array(z.string().min(1)).optional(),
})
export type AnswerCondition = z.infer<typeof AnswerCondition>

export const OutcomeRule = z
  .object({
    when: AnswerCondition,
    outcome: TestOutcome,
    /** Said to the user: what the answer means and what to do. */
    reason: z.string().min(1),
  })
  .superRefine((rule, context) => {
    if (!CONDEMNING_OUTCOMES.includes(rule.outcome)) return
    const others = statusesOf(rule.when.status).filter((status) => !statusMayCondemn(status))
    if (others.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['when', 'status'],
        message: `an "${rule.outcome}" rule may name only 4xx statuses, not ${others.join(', ')}: a server failure, redirect or success is no verdict on a key`,
      })
    }
  })
export type OutcomeRule = z.infer<typeof OutcomeRule>

/** Dotted paths into a valid answer's JSON body, for what the provider tells about the key. */
export const Extraction = z.object({
  permissions: z.string().optional(),
  keyId: z.string().optional(),
  expiresAt: z.string().optional(),
  credits: z.string().optional(),
  balance: z.string().optional(),
  plan: z.string().optional(),
  /** Where the provider puts its own error message, to quote it beside the reason. */
  message: z.array(z.string()).optional(),
})
export type Extraction = z.infer<typeof Extraction>

export const AuthTestDefinition = z
  .object({
    schemes: z.array(AuthScheme).min(1),
    defaultScheme: z.string(),
    /** The read-only request that verifies a key; null when the user names one per key (Cloro). */
    verify: z.object({ method: z.literal('GET'), url: HttpsUrl }).nullable(),
    plans: z.array(Plan),
    defaultPlan: z.string().nullable(),
    rules: z.array(OutcomeRule).min(1),
    extract: Extraction,
    /**
     * The provider's documented waits, in seconds, before each retry after a rate limit (AgentClara:
     * 1, 2, 4; the last holds for later retries). A retry never comes sooner, Retry-After or not.
     */
    backoffSeconds: z.array(z.number().positive().max(3_600)).min(1).max(10).optional(),
  })
  .superRefine((test, context) => {
    if (!test.schemes.some((scheme) => scheme.id === test.defaultScheme)) {
      context.addIssue({
        code: 'custom',
        path: ['defaultScheme'],
        message: `no scheme "${test.defaultScheme}" in schemes`,
      })
    }
    if (test.defaultPlan !== null && !test.plans.some((plan) => plan.id === test.defaultPlan)) {
      context.addIssue({ code: 'custom', path: ['defaultPlan'], message: `no plan "${test.defaultPlan}" in plans` })
    }
  })
export type AuthTestDefinition = z.infer<typeof AuthTestDefinition>

export const ProviderDefinition = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, { message: 'lower-case letters, digits and -' }),
    name: z.string().min(1).max(60),
    envVar: z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
    prefixes: z.array(z.object({ prefix: z.string().min(3), environment: Environment })),
    /** Upper-case fragments of variable names that point at this provider (CLIPIA_KEY → clipia). */
    variableHints: z.array(z.string().min(2)),
    /** The only hosts a key of this provider is ever sent to (HTTPS). Empty: the user names one per key. */
    hosts: z.array(Hostname),
    scopes: z.object({ label: z.enum(['scopes', 'permissions']), values: z.array(z.string().min(1)) }).nullable(),
    /** Days between rotations the provider advises; null when it names none. */
    rotationPeriodDays: z.number().int().min(1).max(3650).nullable(),
    docsUrl: HttpsUrl.optional(),
    authTest: AuthTestDefinition.nullable(),
  })
  .superRefine((provider, context) => {
    const verifyUrl = provider.authTest?.verify?.url
    if (verifyUrl && !provider.hosts.includes(new URL(verifyUrl).hostname)) {
      context.addIssue({
        code: 'custom',
        path: ['authTest', 'verify', 'url'],
        message: `the verify URL's host ${new URL(verifyUrl).hostname} is not one of the provider's hosts (${provider.hosts.join(', ') || 'none'})`,
      })
    }
  })
export type ProviderDefinition = z.infer<typeof ProviderDefinition>
