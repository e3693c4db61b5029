// Rule accuracy against corpora Keyward did not write: the rule examples of four peer scanners
// (gitleaks' true and false positives, with the samples its generator makes in many languages,
// secretlint's test snapshots, trufflehog's detector pattern tests and detect-secrets' plugin tests,
// read by peer-corpora/peerCases.ts), scanned by the real scanner as files in a folder. Reports recall
// (expected secrets found) and the false-positive rate (texts that must not be flagged, flagged) per
// service. The peers' sources are read from a checkout or a bare git folder given on the command
// line; nothing of theirs is kept here. A script, not a test.
// --generated adds private keys made here by ssh-keygen and openssl (every type, with and without a
// passphrase; whole, CRLF, escaped in a service-account JSON and in a YAML string). --bad-input times
// hostile inputs (hundreds of thousands of tokens on one line, a 50 MB JSON of escaped keys, binary
// noise between PEM markers, CRLF) and counts what each finds.
// Real repositories (--repository, repeatable) are scanned too, tree and full history, and every finding
// listed (masked) to be read by a person: on a repository without secrets each one is a false positive.
//   npm run bench:rules -- --gitleaks PATH --secretlint PATH [--trufflehog PATH] [--detect-secrets PATH] [--generated] [--bad-input] [--repository PATH]… [--misses] [--json FILE]
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startScan } from '../../main/scanner/index'
import { peerCases } from './peer-corpora/peerCases'
import { escapedInJson, opensslKey, sshKeygen, type OpensslKeyKind, type SshKeyType } from '../support/generatedKeys'

const { values: options } = parseArgs({
  options: {
    gitleaks: { type: 'string' },
    secretlint: { type: 'string' },
    trufflehog: { type: 'string' },
    'detect-secrets': { type: 'string' },
    misses: { type: 'boolean', default: false },
    generated: { type: 'boolean', default: false },
    'bad-input': { type: 'boolean', default: false },
    json: { type: 'string' },
    repository: { type: 'string', multiple: true, default: [] },
  },
})
if (
  !options.gitleaks &&
  !options.secretlint &&
  !options.trufflehog &&
  !options['detect-secrets'] &&
  !options.generated &&
  !options['bad-input'] &&
  options.repository.length === 0
) {
  console.error('Usage: npm run bench:rules -- --gitleaks PATH --secretlint PATH   (checkouts or bare git folders)')
  process.exit(2)
}

const {
  cases,
  skipped: peerSkipped,
  leftOut: peerLeftOut,
} = peerCases({
  gitleaks: options.gitleaks,
  secretlint: options.secretlint,
  trufflehog: options.trufflehog,
  detectSecrets: options['detect-secrets'],
})

if (options.generated) {
  const keys: Array<[string, string]> = []
  for (const type of ['ed25519', 'rsa', 'ecdsa', 'dsa'] satisfies SshKeyType[]) {
    for (const passphrase of ['', 'correct horse'])
      keys.push([`ssh-keygen ${type}${passphrase ? ' with a passphrase' : ''}`, sshKeygen(type, passphrase)])
  }
  const kinds: OpensslKeyKind[] = [
    'rsa-pkcs8',
    'rsa-pkcs1',
    'ec-sec1',
    'ec-pkcs8',
    'ed25519-pkcs8',
    'rsa-pkcs8-encrypted',
    'req-rsa',
  ]
  for (const kind of kinds) keys.push([`openssl ${kind}`, opensslKey(kind)])
  for (const [made, pem] of keys) {
    const forms: Array<[string, string, string]> = [
      ['whole', 'id_key', pem],
      ['CRLF', 'id_key', pem.replaceAll('\n', '\r\n')],
      [
        'in a service-account JSON',
        'service-account.json',
        `{"type": "service_account", "private_key": "${escapedInJson(pem)}", "client_email": "a@b.invalid"}\n`,
      ],
      ['in a YAML string', 'values.yaml', `tls:\n  key: "${escapedInJson(pem)}"\n`],
    ]
    for (const [form, fileName, text] of forms) {
      cases.push({
        service: 'Private keys made here',
        source: `${made}, ${form}`,
        fileName,
        text,
        secretLines: ['anywhere'],
      })
    }
  }
}

// One folder per case, scanned together as a plain folder (the working-tree scan a user runs).
const root = mkdtempSync(join(tmpdir(), 'keyward-rules-bench-'))
process.on('exit', () => rmSync(root, { recursive: true, force: true }))
cases.forEach((entry, index) => {
  const folder = join(root, `case-${String(index).padStart(5, '0')}`)
  mkdirSync(folder)
  writeFileSync(join(folder, entry.fileName), entry.text)
})
const started = performance.now()
const report = await startScan({ root, scopes: { tree: true, index: false, history: false } })
const milliseconds = performance.now() - started

const linesFound = new Map<number, Set<number>>()
for (const finding of report.findings) {
  const index = Number(/^case-(\d+)\//.exec(finding.location.path)?.[1] ?? -1)
  if (index < 0) continue
  linesFound.set(index, (linesFound.get(index) ?? new Set()).add(finding.location.line))
}

interface Tally {
  service: string
  secrets: number
  found: number
  negatives: number
  flagged: number
  misses: string[]
  falsePositives: string[]
}
/** Recall and false positives of the cases grouped by `keyOf` (a service; a service and a peer). */
const tallyCases = (keyOf: (entry: (typeof cases)[number]) => string): Tally[] => {
  const tallies = new Map<string, Tally>()
  cases.forEach((entry, index) => {
    const key = keyOf(entry)
    const tally =
      tallies.get(key) ??
      tallies
        .set(key, { service: key, secrets: 0, found: 0, negatives: 0, flagged: 0, misses: [], falsePositives: [] })
        .get(key)!
    const found = linesFound.get(index) ?? new Set<number>()
    if (entry.secretLines.length === 0) {
      tally.negatives += 1
      if (found.size > 0) {
        tally.flagged += 1
        tally.falsePositives.push(`${entry.source}: ${entry.text.slice(0, 160).replaceAll('\n', '\\n')}`)
      }
      return
    }
    for (const line of entry.secretLines) {
      tally.secrets += 1
      const lines = line === 'anywhere' ? [...found] : [line].flat()
      if (lines.some((candidate) => found.has(candidate))) tally.found += 1
      else
        tally.misses.push(
          `${entry.source}${line === 'anywhere' ? '' : ` line ${[line].flat().join(' or ')}`}: ${entry.text.slice(0, 160).replaceAll('\n', '\\n')}`,
        )
    }
  })
  return [...tallies.values()]
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`)
const rows = tallyCases((entry) => entry.service)
const total = rows.reduce(
  (sum, row) => ({
    secrets: sum.secrets + row.secrets,
    found: sum.found + row.found,
    negatives: sum.negatives + row.negatives,
    flagged: sum.flagged + row.flagged,
  }),
  { secrets: 0, found: 0, negatives: 0, flagged: 0 },
)
console.log(`${cases.length} examples scanned in ${(milliseconds / 1000).toFixed(2)} s\n`)
if (peerSkipped.length > 0)
  console.log(`Peer examples not read (built in ways the readers do not follow): ${peerSkipped.join(', ')}\n`)
if (peerLeftOut.length > 0)
  console.log(
    `Peer negatives left out (they hold a key part the same test wants reported in its other cases): ${peerLeftOut.join(', ')}\n`,
  )
console.log('| service | secrets | found | recall | must-not-match | flagged | false positives |')
console.log('|---|---:|---:|---:|---:|---:|---:|')
for (const row of rows) {
  console.log(
    `| ${row.service} | ${row.secrets} | ${row.found} | ${percent(row.found, row.secrets)} | ${row.negatives} | ${row.flagged} | ${percent(row.flagged, row.negatives)} |`,
  )
}
console.log(
  `| all | ${total.secrets} | ${total.found} | ${percent(total.found, total.secrets)} | ${total.negatives} | ${total.flagged} | ${percent(total.flagged, total.negatives)} |`,
)
// Each peer apart: a service's recall may rest on one peer's examples.
console.log('\n| service, peer | secrets | found | recall | must-not-match | flagged |\n|---|---:|---:|---:|---:|---:|')
for (const row of tallyCases((entry) => `${entry.service}, ${/^[\w-]+(?=:)/.exec(entry.source)?.[0] ?? 'made here'}`)) {
  console.log(
    `| ${row.service} | ${row.secrets} | ${row.found} | ${percent(row.found, row.secrets)} | ${row.negatives} | ${row.flagged} |`,
  )
}
if (options.misses) {
  for (const row of rows) {
    for (const miss of row.misses) console.log(`MISS  ${row.service}  ${miss}`)
    for (const flagged of row.falsePositives) console.log(`FALSE ${row.service}  ${flagged}`)
  }
}
if (options.json)
  writeFileSync(options.json, `${JSON.stringify({ cases: cases.length, milliseconds, services: rows }, null, 2)}\n`)

for (const repository of options.repository) {
  const scanned = await startScan({ root: repository, scopes: { tree: true, index: false, history: true } })
  const where = (finding: (typeof scanned.findings)[number]) =>
    `${finding.location.kind} ${finding.location.path}:${finding.location.line}${finding.location.commit ? ` @${finding.location.commit.slice(0, 10)}` : ''}`
  console.log(
    `\n${repository}: ${scanned.stats.files} files, ${scanned.stats.blobs} blobs, ${scanned.stats.commits} commits, ` +
      `${scanned.findings.length} findings (${scanned.suppressed.length} suppressed) in ${(scanned.stats.durationMs / 1000).toFixed(2)} s`,
  )
  for (const finding of scanned.findings)
    console.log(`  ${finding.ruleId}  ${finding.redactedSecret}  ${where(finding)}`)
}

if (options['bad-input']) {
  // Each input alone in a folder, scanned as a user would (tree), timed whole.
  const pem = opensslKey('rsa-pkcs8')
  const inputs: Array<{ what: string; fileName: string; make: () => Buffer; maxFileBytes?: number }> = [
    {
      what: '300,000 short assignments on one line (token=<16 characters>)',
      fileName: 'one-line.txt',
      make: () =>
        Buffer.from(
          Array.from({ length: 300_000 }, (_, index) => `token=${index.toString(36).padStart(8, '0')}ab12cd34`).join(
            ' ',
          ),
        ),
    },
    {
      what: '50 MB JSON of keys escaped in strings (the default 10 MB limit skips it; scanned with 64 MB)',
      fileName: 'keys.json',
      make: () => {
        const entry = `{"private_key": "${escapedInJson(pem)}"}`
        const count = Math.ceil((50 * 1024 * 1024) / (entry.length + 2))
        return Buffer.from(`[${Array.from({ length: count }, () => entry).join(',\n')}]\n`)
      },
      maxFileBytes: 64 * 1024 * 1024,
    },
    {
      what: '20 files of 1 MB random bytes between PEM markers',
      fileName: 'noise.pem',
      make: () =>
        Buffer.concat([
          Buffer.from('-----BEGIN RSA PRIVATE KEY-----\n'),
          randomBytes(1024 * 1024),
          Buffer.from('\n-----END RSA PRIVATE KEY-----\n'),
        ]),
    },
    {
      what: '20 files of 1 MB printable noise between PEM markers (no NUL, so read as text)',
      fileName: 'printable.pem',
      make: () =>
        Buffer.concat([
          Buffer.from('-----BEGIN PRIVATE KEY-----\n'),
          Buffer.from(Array.from(randomBytes(1024 * 1024), (byte) => 33 + (byte % 94))),
          Buffer.from('\n-----END PRIVATE KEY-----\n'),
        ]),
    },
    {
      what: 'CRLF file of 300,000 settings, one real key among them',
      fileName: 'settings.env',
      make: () => {
        const lines = Array.from({ length: 300_000 }, (_, index) => `SETTING_${index}=value-${index}`)
        lines[150_000] = `AWS_ACCESS_KEY_ID=AKIA${Array.from(randomBytes(16), (byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[byte % 32]).join('')}`
        return Buffer.from(lines.join('\r\n'))
      },
    },
  ]
  // CPU seconds of the whole process (its worker threads too) beside the wall time: on a loaded machine
  // the wall time says more about the load than about the input.
  console.log('\n| bad input | size | time | CPU | findings |\n|---|---:|---:|---:|---:|')
  for (const input of inputs) {
    const folder = mkdtempSync(join(tmpdir(), 'keyward-bad-input-'))
    try {
      const copies = input.fileName.endsWith('.pem') ? 20 : 1
      let bytes = 0
      for (let copy = 0; copy < copies; copy++) {
        const content = input.make()
        bytes += content.length
        writeFileSync(join(folder, `${copy}-${input.fileName}`), content)
      }
      const started = performance.now()
      const cpuBefore = process.cpuUsage()
      const scanned = await startScan({
        root: folder,
        scopes: { tree: true, index: false, history: false },
        maxFileBytes: input.maxFileBytes,
      })
      const seconds = (performance.now() - started) / 1000
      const cpu = process.cpuUsage(cpuBefore)
      const cpuSeconds = (cpu.user + cpu.system) / 1e6
      const skipped = scanned.skipped.large + scanned.skipped.binary
      console.log(
        `| ${input.what} | ${(bytes / 1024 / 1024).toFixed(1)} MB | ${seconds.toFixed(2)} s | ${cpuSeconds.toFixed(2)} s | ${scanned.findings.length}${skipped ? ` (${skipped} skipped)` : ''} |`,
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }
}
