// The contract's .env types: an import's preview and choice, an export's result, and an environment
// seen as a .env of references.
import { z } from 'zod'
import { Environment, KeyName } from './fields'
import { Id, Label } from './parts'

export const EnvImportEntry = z.object({
  line: z.number().int(),
  variable: z.string(),
  maskedValue: z.string(),
  provider: z.string().nullable(),
  environment: Environment,
  /** Name of a vault key that already holds this exact value. */
  duplicateOf: z.string().nullable(),
  /** False for ordinary settings (PORT=3000): shown, but not ticked for import by default. */
  looksLikeKey: z.boolean(),
})
export const EnvImportProblem = z.object({ line: z.number().int(), message: z.string() })
export const EnvImportPreview = z.discriminatedUnion('canceled', [
  z.object({ canceled: z.literal(true) }),
  z.object({
    canceled: z.literal(false),
    importId: Id,
    fileName: z.string(),
    entries: z.array(EnvImportEntry),
    problems: z.array(EnvImportProblem),
  }),
])
export type EnvImportPreview = z.infer<typeof EnvImportPreview>

export const EnvImportChoice = z.object({
  importId: Id,
  entries: z
    .array(
      z.object({
        line: z.number().int().min(1),
        name: KeyName,
        provider: Label.nullable(),
        environment: Environment,
      }),
    )
    .max(10_000),
})

export const EnvExportResult = z.discriminatedUnion('canceled', [
  z.object({ canceled: z.literal(true) }),
  z.object({ canceled: z.literal(false), path: z.string(), count: z.number().int() }),
])

/** One environment as a .env of references: each key's variable, the reference filling it, and whether it resolves. */
export const EnvironmentView = z.object({
  environment: Environment,
  variables: z.array(
    z.object({
      variable: z.string(),
      keyId: z.string(),
      keyName: z.string(),
      provider: z.string().nullable(),
      reference: z.string(),
      line: z.string(),
      maskedValue: z.string(),
      status: z.enum(['ok', 'clash', 'ambiguous']),
      problem: z.string().nullable(),
    }),
  ),
  /** The whole environment as a template: references only, no value. */
  template: z.string(),
})
export type EnvironmentView = z.infer<typeof EnvironmentView>
