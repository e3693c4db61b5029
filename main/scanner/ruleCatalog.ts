// The scanner's rules, as data (rules/*.json, the way gitleaks keeps its detectors): loaded and checked
// against a schema at start, each rule with examples that must match and must not (checked by a test).
import { z } from 'zod'
import { providerCatalog } from '../providers/index'
import allowlistFile from './rules/allowlist.json'
import commonServicesFile from './rules/common-services.json'
import genericFile from './rules/generic.json'
import seedProvidersFile from './rules/seed-providers.json'
import type { RuleData, ValuePattern } from './detectionConfig'
import { CONFIDENCES, type Confidence } from './severity'

const compiles = (flags: string) => (source: string) => {
  try {
    new RegExp(source, flags)
    return true
  } catch {
    return false
  }
}

const Rule = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    kind: z.enum(['prefix', 'context', 'block', 'url']),
    providers: z.array(z.string()),
    prefixes: z.array(z.string().min(3)).default([]),
    pattern: z.string().refine(compiles('y'), { message: 'the pattern is not a valid regular expression' }),
    context: z.string().refine(compiles('i'), { message: 'the context is not a valid regular expression' }).optional(),
    minEntropy: z.number().min(0).max(8).optional(),
    /** Prefix rules: the part of a match the placeholder checks read (a Slack token's ids may be 1111111111; its secret may not). */
    placeholderPart: z
      .string()
      .refine(compiles(''), { message: 'placeholderPart is not a valid regular expression' })
      .optional(),
    requireDigit: z.boolean().optional(),
    /** Prefix rules: a match counts only when its `.`-separated parts decode as a JWT's (valueShapes.ts, isJwtShaped). */
    jwtParts: z.boolean().optional(),
    /** Context rules: variable names that hold no secret though they hold a keyword (publicToken, key_id). */
    excludeNames: z
      .string()
      .refine(compiles('i'), { message: 'excludeNames is not a valid regular expression' })
      .optional(),
    /** How sure a match is a real secret: sets the finding's severity (severity.ts). */
    confidence: z.enum(CONFIDENCES),
    note: z.string().optional(),
    examples: z.object({ match: z.array(z.string()).min(1), noMatch: z.array(z.string()).min(1) }),
  })
  .refine((rule) => rule.kind !== 'prefix' || rule.prefixes.length > 0, { message: 'a prefix rule needs prefixes' })
  .refine((rule) => rule.kind !== 'context' || rule.context !== undefined, {
    message: 'a context rule needs a context',
  })
export type RuleDefinition = z.infer<typeof Rule>

const RuleFile = z.object({ description: z.string(), rules: z.array(Rule) })
const Allowlist = z.object({
  description: z.string(),
  placeholders: z.array(z.string()),
  valuePatterns: z.array(
    z.object({
      id: z.string(),
      why: z.string(),
      pattern: z.string(),
      flags: z.string().optional(),
      /** Only for values these rules found (a commit id is a prefixed token's look-alike; a CamelCase name is an assignment's). */
      appliesTo: z.enum(['prefix', 'context']).optional(),
    }),
  ),
})

export const ruleDefinitions: readonly RuleDefinition[] = [seedProvidersFile, commonServicesFile, genericFile].flatMap(
  (file) => RuleFile.parse(file).rules,
)
const allowlist = Allowlist.parse(allowlistFile)

/** The rule a vault match reports when no pattern rule saw the value. */
export const VAULT_RULE = { id: 'vault-value', title: 'A value from your vault' } as const

/** How sure a rule's match is a real secret; a vault match is certain. */
export const ruleConfidence = (ruleId: string): Confidence =>
  ruleId === VAULT_RULE.id ? 'high' : (ruleDefinitions.find((rule) => rule.id === ruleId)?.confidence ?? 'low')

export const rulesForWorkers = (): RuleData[] =>
  ruleDefinitions.map(({ examples: _examples, ...rule }) => ({ ...rule }))

export const allowlistForWorkers = (): { placeholders: string[]; valuePatterns: ValuePattern[] } => ({
  placeholders: [...allowlist.placeholders],
  valuePatterns: allowlist.valuePatterns.map((entry) => ({ ...entry })),
})

/** Every prefix a provider or rule knows, for masks that keep the prefix readable. */
export const knownPrefixes = (): string[] => [
  ...new Set([
    ...providerCatalog.flatMap((provider) => provider.prefixes.map((entry) => entry.prefix)),
    ...ruleDefinitions.filter((rule) => rule.id !== 'jwt' && rule.kind !== 'url').flatMap((rule) => rule.prefixes),
  ]),
]

export const ruleTitle = (ruleId: string): string =>
  ruleId === VAULT_RULE.id ? VAULT_RULE.title : (ruleDefinitions.find((rule) => rule.id === ruleId)?.title ?? ruleId)

export const findRule = (ruleId: string): RuleDefinition | undefined =>
  ruleDefinitions.find((rule) => rule.id === ruleId)

/** The 4-character anchors that make the kernel report a run even without a digit in it. */
export const kernelAnchors = (): string[] =>
  ruleDefinitions
    .filter((rule) => rule.kind !== 'url')
    .flatMap((rule) => rule.prefixes.filter((prefix) => prefix.length >= 4))
