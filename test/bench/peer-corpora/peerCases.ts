// The peer scanners' examples for the services Keyward claims, as cases to scan: gitleaks' rule
// files (true and false positives, and its generator's samples), secretlint's test snapshots,
// trufflehog's detector pattern tests and detect-secrets' plugin tests, each read at run time from a
// checkout or a bare git folder (at HEAD). Nothing of the peers' is kept in this repository.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { goRuleExamples, sampleTemplates } from './goRuleExamples'
import { snapshotCases, type SnapshotFiles } from './secretlintSnapshots'
import { trufflehogCases, type SecretLine } from './trufflehogTests'
import { detectSecretsCases } from './detectSecretsTests'

export interface PeerSources {
  gitleaks?: string
  secretlint?: string
  trufflehog?: string
  detectSecrets?: string
}

/** A peer's sources, from a checkout or from a bare git folder (read at HEAD). */
interface SourceTree {
  list(folder: string): string[]
  read(path: string): Buffer
}

const sourceTree = (root: string): SourceTree => {
  const bare = existsSync(join(root, 'objects')) && existsSync(join(root, 'HEAD'))
  if (bare) {
    const git = (...args: string[]) => execFileSync('git', ['--git-dir', root, ...args], { maxBuffer: 1 << 28 })
    return {
      list: (folder) =>
        git('ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', folder).toString('utf8').split('\0').filter(Boolean),
      read: (path) => git('cat-file', 'blob', `HEAD:${path}`),
    }
  }
  const walk = (folder: string): string[] =>
    readdirSync(join(root, folder)).flatMap((name) => {
      const path = join(folder, name)
      return statSync(join(root, path)).isDirectory() ? walk(path) : [path]
    })
  return {
    list: (folder) => (existsSync(join(root, folder)) ? walk(folder) : []),
    read: (path) => readFileSync(join(root, path)),
  }
}

/**
 * The services Keyward's rules claim, and which peer rule files, packages and tests speak of each.
 * trufflehog's github/v1 (pre-2021 40-hex tokens beside the word "github") is left out: Keyward claims
 * only GitHub's prefixed tokens. Its JWT test's "want nothing" cases are valid HMAC-signed tokens it
 * drops because it cannot verify them, not texts that are no secret: only its positives count.
 */
const SERVICES: {
  service: string
  gitleaksFiles: string[]
  skipFunctions?: RegExp
  secretlintRules: string[]
  trufflehogTests?: string[]
  trufflehogPositivesOnly?: boolean
  detectSecretsTests?: string[]
}[] = [
  {
    service: 'AWS',
    gitleaksFiles: ['aws.go'],
    skipFunctions: /Bedrock/,
    secretlintRules: ['aws'],
    trufflehogTests: ['aws/access_keys/accesskey_test.go', 'aws/session_keys/sessionkeys_test.go'],
    detectSecretsTests: ['aws_key'],
  },
  {
    service: 'GitHub',
    gitleaksFiles: ['github.go'],
    secretlintRules: ['github'],
    trufflehogTests: ['github/v2/github_test.go'],
    detectSecretsTests: ['github_token'],
  },
  {
    service: 'Stripe',
    gitleaksFiles: ['stripe.go'],
    secretlintRules: ['stripe'],
    trufflehogTests: ['stripe/stripe_test.go'],
    detectSecretsTests: ['stripe_key'],
  },
  {
    service: 'Slack',
    gitleaksFiles: ['slack.go'],
    secretlintRules: ['slack'],
    trufflehogTests: ['slack/slack_test.go', 'slackwebhook/slackwebhook_test.go'],
    detectSecretsTests: ['slack'],
  },
  {
    service: 'Private keys',
    gitleaksFiles: ['privatekey.go'],
    secretlintRules: ['privatekey'],
    trufflehogTests: ['privatekey/privatekey_test.go'],
    detectSecretsTests: ['private_key'],
  },
  {
    service: 'JWT',
    gitleaksFiles: ['jwt.go'],
    secretlintRules: [],
    trufflehogTests: ['jwt/jwt_test.go'],
    trufflehogPositivesOnly: true,
    detectSecretsTests: ['jwt'],
  },
  { service: 'Generic credentials', gitleaksFiles: ['generic.go'], secretlintRules: [] },
  {
    service: 'Connection strings',
    gitleaksFiles: [],
    secretlintRules: ['database-connection-string'],
    trufflehogTests: ['uri/uri_test.go', 'mongodb/mongodb_test.go', 'postgres/postgres_test.go'],
    detectSecretsTests: ['basic_auth'],
  },
]

export interface Case {
  service: string
  source: string
  fileName: string
  text: string
  /** Lines of the expected secrets (several: any of them); ['anywhere'] for a positive example with no line given; [] for a negative. */
  secretLines: SecretLine[]
}

/** Every peer example for the services Keyward claims, from the peers whose sources are given. */
export const peerCases = (from: PeerSources): { cases: Case[]; skipped: string[]; leftOut: string[] } => {
  const cases: Case[] = []
  const skipped: string[] = []
  /** Negatives that hold a part the peer wants reported in its other cases (see trufflehogCases). */
  const leftOut: string[] = []
  if (from.gitleaks) {
    const tree = sourceTree(from.gitleaks)
    const rulesFolder = 'cmd/generate/config/rules'
    const templates = sampleTemplates(tree.read('cmd/generate/config/utils/generate.go').toString('utf8'))
    for (const { service, gitleaksFiles, skipFunctions } of SERVICES) {
      for (const file of gitleaksFiles) {
        for (const example of goRuleExamples(file, tree.read(`${rulesFolder}/${file}`).toString('utf8'), templates)) {
          if (skipFunctions?.test(example.source)) continue
          cases.push({
            service,
            source: example.source,
            fileName: 'example.txt',
            text: example.text,
            secretLines: example.secret ? ['anywhere'] : [],
          })
        }
      }
    }
  }
  if (from.secretlint) {
    const tree = sourceTree(from.secretlint)
    for (const { service, secretlintRules } of SERVICES) {
      for (const rule of secretlintRules) {
        const folder = `packages/@secretlint/secretlint-rule-${rule}/test/snapshots`
        const files: SnapshotFiles = {
          list: () => tree.list(folder).map((path) => relative(folder, path)),
          read: (path) => tree.read(`${folder}/${path}`),
        }
        for (const snapshot of snapshotCases(rule, files)) cases.push({ service, ...snapshot })
      }
    }
  }

  if (from.trufflehog) {
    const tree = sourceTree(from.trufflehog)
    for (const { service, trufflehogTests = [], trufflehogPositivesOnly } of SERVICES) {
      for (const file of trufflehogTests) {
        const {
          cases: found,
          skipped: notRead,
          leftOut: partsWanted,
        } = trufflehogCases(file, tree.read(`pkg/detectors/${file}`).toString('utf8'))
        if (notRead) skipped.push(`trufflehog ${file}: ${notRead}`)
        leftOut.push(...partsWanted)
        for (const entry of found) {
          if (trufflehogPositivesOnly && entry.secretLines.length === 0) continue
          cases.push({ service, fileName: 'example.txt', ...entry })
        }
      }
    }
  }
  if (from.detectSecrets) {
    const tree = sourceTree(from.detectSecrets)
    for (const { service, detectSecretsTests = [] } of SERVICES) {
      for (const name of detectSecretsTests) {
        const file = `tests/plugins/${name}_test.py`
        const { cases: found, skipped: notRead } = detectSecretsCases(name, tree.read(file).toString('utf8'))
        if (notRead) skipped.push(`detect-secrets ${name}: ${notRead}`)
        for (const { source, text, secret } of found)
          cases.push({ service, source, fileName: 'example.txt', text, secretLines: secret ? ['anywhere'] : [] })
      }
    }
  }
  return { cases, skipped, leftOut }
}
