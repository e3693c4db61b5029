// How keys are shown on the command line: never a value, only its mask.
import type { KeyRecord } from '#contract'
// The words without zod: a list the agent answers loads no schema library.
import { outcomeWord } from '#contract/statusWords'
import { formatTable, printable, type TableColumn } from './table'

export const keyListColumns: TableColumn<KeyRecord>[] = [
  { header: 'NAME', cell: (key) => key.name },
  { header: 'PROVIDER', cell: (key) => key.provider ?? '-' },
  { header: 'ENV', cell: (key) => key.environment },
  { header: 'VALUE', cell: (key) => key.maskedValue },
  { header: 'TAGS', cell: (key) => key.tags.join(', ') || '-' },
  { header: 'SCOPES', cell: (key) => key.scopes.join(', ') || '-' },
]

export const formatKeyTable = (keys: readonly KeyRecord[]): string => formatTable(keyListColumns, keys)

/** The fields of one key, one per line, with notes on where a field came from. */
export const describeKey = (
  key: KeyRecord,
  remarks: Partial<Record<'provider' | 'environment' | 'envVar', string>> = {},
): string => {
  const remark = (field: keyof typeof remarks) => (remarks[field] ? `  (${remarks[field]})` : '')
  const lines: [string, string][] = [
    ['provider', `${key.provider ?? 'none'}${remark('provider')}`],
    ['environment', `${key.environment}${remark('environment')}`],
    ['value', `${key.maskedValue}  (version ${key.versionCount})`],
    ['env var', `${key.envVar ?? 'none (exported as a variable made from the name)'}${remark('envVar')}`],
  ]
  if (key.tags.length) lines.push(['tags', key.tags.join(', ')])
  if (key.scopes.length) lines.push(['scopes', key.scopes.join(', ')])
  if (key.expiresAt) lines.push(['expires', key.expiresAt])
  if (key.plan) lines.push(['plan', key.plan])
  if (key.authScheme) lines.push(['scheme', key.authScheme])
  if (key.verifyUrl) lines.push(['verify URL', key.verifyUrl])
  if (key.lastTest) lines.push(['last test', `${outcomeWord(key.lastTest.outcome)} (${key.lastTest.testedAt})`])
  if (key.notes) lines.push(['notes', key.notes])
  return lines.map(([label, text]) => `  ${label.padEnd(12)}${printable(text)}\n`).join('')
}

export const quoted = (name: string): string => `"${printable(name)}"`
