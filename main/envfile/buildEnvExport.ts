// The text of an environment's export, shared by the app and the CLI: one commented NAME=value line
// per key under a heading, and the variables more than one key would set.
import { countNoun } from '../common/countNoun'
import { envVarFor } from './envVarName'
import { formatEnvFile } from './formatEnvFile'

export interface ExportRow {
  record: { name: string; envVar: string | null }
  value: string
}

export interface EnvExport {
  text: string
  count: number
  /** Variables set by more than one key, with those keys' names: the file keeps only the last. */
  clashes: [variable: string, keyNames: string[]][]
}

export const buildEnvExport = (rows: readonly ExportRow[], environment: string, exportedAt: Date): EnvExport => {
  const lines = rows.map(({ record, value }) => ({ variable: envVarFor(record), value, comment: record.name }))
  const heading = `Exported from Keyward on ${exportedAt.toISOString()}: ${countNoun(rows.length, `${environment} key`)}.\nThis file holds secrets: keep it out of version control.`
  const keysByVariable = new Map<string, string[]>()
  for (const { variable, comment } of lines)
    keysByVariable.set(variable, [...(keysByVariable.get(variable) ?? []), comment])
  return {
    text: formatEnvFile(lines, heading),
    count: rows.length,
    clashes: [...keysByVariable].filter(([, names]) => names.length > 1),
  }
}
