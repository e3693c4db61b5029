// Reads a peer scanner's test snapshots (secretlint's packages/@secretlint/secretlint-rule-*/test/
// snapshots/<case>/): the input file as the rule saw it and the messages it expected (output.json).
// Each expected message is a secret on a known line; a snapshot expecting none is text no scanner
// should flag. Snapshots run with options of their own (a .secretlintrc.json beside them: allow lists,
// rules switched off) are left out, since their answer depends on that configuration.

export interface SnapshotCase {
  source: string
  fileName: string
  text: string
  /** The lines (1-based) of the secrets the snapshot expects; empty: nothing should be flagged. */
  secretLines: number[]
}

export interface SnapshotFiles {
  /** Paths relative to the snapshots folder, e.g. `ng.bot-token/input.txt`. */
  list(): string[]
  read(path: string): Buffer
}

interface SnapshotOutput {
  messages?: { loc?: { start?: { line?: number } } }[]
}

export const snapshotCases = (rule: string, files: SnapshotFiles): SnapshotCase[] => {
  const byFolder = new Map<string, string[]>()
  for (const path of files.list()) {
    const slash = path.indexOf('/')
    if (slash < 0) continue
    const folder = path.slice(0, slash)
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), path.slice(slash + 1)])
  }
  const cases: SnapshotCase[] = []
  for (const [folder, names] of byFolder) {
    const input = names.find((name) => /^input(\.[\w]+)?$/.test(name))
    if (!input || !names.includes('output.json') || names.includes('.secretlintrc.json')) continue
    const bytes = files.read(`${folder}/${input}`)
    // Binary inputs (PKCS#12 files) are not text a line-based comparison can score.
    if (bytes.includes(0)) continue
    const output = JSON.parse(files.read(`${folder}/output.json`).toString('utf8')) as SnapshotOutput
    const secretLines = (output.messages ?? [])
      .map((message) => message.loc?.start?.line ?? 0)
      .filter((line) => line > 0)
    cases.push({ source: `secretlint:${rule}:${folder}`, fileName: input, text: bytes.toString('utf8'), secretLines })
  }
  return cases
}
