// The vault work commands ask for, defined once: the agent does it on the vault it holds open, and a
// command with no agent does the same on the vault it opened with the password. Each job's input is
// checked here (it may come from any process of this user); each answer holds only what the command
// shows or uses: masked keys, and the values of the keys it named.
import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { ENVIRONMENTS, KeyQuery, type KeyRecord } from '#contract'
import { KeywardError } from '../../common/errors'
import { findKeyByName, listAllKeys, resolveReferenceValues } from '../keyLookup'
import { runKeyTests, type KeyTestReport, type KeyTestRunOptions } from '../keyTestRun'
import { requireProvider } from '../providerLookup'
import { systemClock } from '../../common/clock'
import { prepareInjection } from '../keyInjection'
import { buildEnvExport, type EnvExport } from '../../envfile/index'
import { dueReport, type DueReport } from '../../rotation-service/index'
import { startScan } from '../../scanner/index'
import { recordScanLeaks, scanWithVaultInputs } from '../../scan-service/index'
import { maskValue, type OpenVault } from '../../vault/index'
import type { JobName } from './protocol'

const Text = z.string().max(4096)
const ParsedReference = z.strictObject({
  text: Text,
  name: Text,
  path: z.strictObject({ provider: Text, environment: z.enum(ENVIRONMENTS), name: Text }).nullable(),
})

/** Each job's input, checked here whoever sends it. */
export const jobInputs = {
  list: KeyQuery.omit({ offset: true, limit: true }).strict(),
  resolve: z.strictObject({
    references: z.array(ParsedReference).max(10_000),
    /** The audit entry the command leaves (which file was filled, or that a script read a value). */
    audit: z.strictObject({ action: z.enum(['template filled', 'value read']), subject: Text, detail: Text }),
  }),
  run: z.strictObject({
    env: z.enum(ENVIRONMENTS).optional(),
    tag: Text.optional(),
    only: z.array(Text).max(1000).optional(),
    references: z.array(z.tuple([Text, Text])).max(10_000),
    /** The command's name, for the audit log. */
    subject: Text,
  }),
  test: z.strictObject({
    names: z.array(Text).max(10_000),
    all: z.boolean(),
    /** This run only: a provider's tests sent to another https:// URL. */
    baseUrls: z
      .array(
        z.strictObject({
          provider: Text,
          url: Text.refine((url) => url.startsWith('https://'), 'a base URL must start with https://'),
        }),
      )
      .max(100),
    /** This run only: PEM text of CA certificates trusted beside the stored ones. */
    extraCa: z.string().max(200_000).nullable(),
  }),
  due: z.strictObject({}),
  export: z.strictObject({
    env: z.enum(ENVIRONMENTS),
    /** Where the file goes (a path, or standard output), for the audit log. */
    subject: Text,
  }),
  scan: z.strictObject({
    root: Text.refine(isAbsolute, 'the folder to scan must be an absolute path'),
    scopes: z.strictObject({ tree: z.boolean(), index: z.boolean(), history: z.boolean() }),
  }),
} satisfies Record<JobName, z.ZodType>

export type JobInput<Name extends JobName> = z.input<(typeof jobInputs)[Name]>

export interface JobAnswers {
  list: { keys: import('#contract').KeyRecord[]; total: number }
  /** In the order asked: a value, or why there is none (no such key, several, an empty value). */
  resolve: { results: ({ ok: true; value: string; keyName: string } | { ok: false; message: string })[] }
  /** masks: the mask of each variable's value, in the same order (absent from an agent of an earlier build). */
  run: { variables: [string, string][]; masks?: string[] }
  scan: { report: import('../../scanner/index').ScanReport; markedLeaked: number }
  /** What each test said (never a value); the results are in each key's history too. */
  test: { reports: KeyTestReport[] }
  due: DueReport
  /** The .env text (values included: an export is asked for explicitly), and the variables set twice. */
  export: EnvExport
}

/**
 * Tests the keys named (or all) with their providers, the run's base URLs and CA laid over the
 * stored settings; records the run in the audit log. Progress is drawn only where the command runs it.
 */
export const testKeys = async (
  vault: OpenVault,
  input: z.output<(typeof jobInputs)['test']>,
  run: Pick<KeyTestRunOptions, 'progress' | 'signal'> = {},
): Promise<JobAnswers['test']> => {
  const overrides = new Map<string, string>()
  for (const { provider, url } of input.baseUrls) {
    const { definition } = requireProvider(vault, provider)
    if (overrides.has(definition.id)) {
      throw new KeywardError(
        'invalid_argument',
        `--base-url names ${definition.name} twice; give one URL per provider.`,
      )
    }
    overrides.set(definition.id, url)
  }
  const keys: KeyRecord[] = []
  const chosen = input.all ? listAllKeys(vault.keys) : input.names.map((name) => findKeyByName(vault.keys, name))
  for (const key of chosen) if (!keys.some((known) => known.id === key.id)) keys.push(key)
  vault.audit.record({ action: 'keys tested', detail: keys.length === 1 ? keys[0]!.name : `${keys.length} keys` })
  const reports = await runKeyTests(vault, keys, {
    overrides: { baseUrls: overrides, extraCa: input.extraCa },
    clock: systemClock,
    ...run,
  })
  return { reports }
}

const work: {
  [Name in JobName]: (
    vault: OpenVault,
    input: z.output<(typeof jobInputs)[Name]>,
    now: Date,
  ) => JobAnswers[Name] | Promise<JobAnswers[Name]>
} = {
  list: (vault, query) => ({ keys: listAllKeys(vault.keys, query), total: vault.keys.count() }),
  resolve: (vault, { references, audit }) => {
    const results = resolveReferenceValues(vault.keys, references)
    vault.audit.record(audit)
    return { results }
  },
  run: (vault, { references, subject, ...options }) => {
    const prepared = prepareInjection(vault, { ...options, mask: true }, references)
    vault.audit.record({
      action: 'keys given to a command',
      subject,
      detail: [...prepared.variables.keys()].join(', '),
    })
    const variables = [...prepared.variables]
    return { variables, masks: variables.map(([, value]) => maskValue(value)) }
  },
  test: (vault, input) => testKeys(vault, input),
  due: (vault, _input, now) => dueReport(vault, now.getTime()),
  export: (vault, { env, subject }, now) => {
    const rows = vault.keys.valuesForExport(env)
    if (rows.length === 0)
      throw new KeywardError('not_found', `There are no ${env} keys to export; nothing was written.`)
    vault.audit.record({ action: '.env exported', subject, detail: `${rows.length} ${env} keys` })
    return buildEnvExport(rows, env, now)
  },
  scan: async (vault, { root, scopes }, now) => {
    const report = await scanWithVaultInputs(vault, (fromVault) => startScan({ root, scopes, ...fromVault }))
    return { report, markedLeaked: recordScanLeaks(vault, report, now) }
  },
}

/** Checks a job's input and does it on the open vault. */
export const doJob = async <Name extends JobName>(
  vault: OpenVault,
  name: Name,
  input: unknown,
  now: Date,
): Promise<JobAnswers[Name]> => {
  const checked = jobInputs[name].safeParse(input)
  if (!checked.success) {
    throw new KeywardError(
      'invalid_argument',
      `The request for ${name} is not valid: ${checked.error.issues[0]?.message ?? 'wrong shape'}.`,
    )
  }
  return (work[name] as (vault: OpenVault, input: unknown, now: Date) => JobAnswers[Name] | Promise<JobAnswers[Name]>)(
    vault,
    checked.data,
    now,
  )
}
