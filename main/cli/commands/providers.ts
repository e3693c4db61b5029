// keyward providers: the providers Keyward knows (built in and the user's own) with how their keys
// are tested, and the per-provider settings the app's Providers pane holds: a base URL for a staging
// host or a proxy, a CA certificate to trust, and the user's own definitions.
import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import { MAX_VALUE_BYTES, type ProviderSummary } from '#contract'
import { applyBaseUrl } from '../../authtest/index'
import { KeywardError } from '../../common/errors'
import { readSmallTextFile } from '../../common/readSmallTextFile'
import {
  providerSummaries,
  readCaCertificate,
  removeCustomProvider,
  saveCustomProvider,
  setProviderBaseUrl,
  setProviderCaCertificate,
} from '../../key-test-service/index'
import { checkHttpsUrl } from '../../providers/index'
import { askAtTerminal } from '../confirmWiderReach'
import type { CliContext } from '../context'
import { requireProvider } from '../providerLookup'
import { printable } from '../table'
import { withOpenVault, type GlobalOptions } from '../vaultAccess'

const USAGE_HINT = (name: string) => `(run "keyward providers ${name} --help" for usage and examples)`

const describeLimits = (limits: { perSecond?: number; perMinute?: number; perDay?: number }): string => {
  const parts = [
    limits.perSecond !== undefined ? `${limits.perSecond}/s` : null,
    limits.perMinute !== undefined ? `${limits.perMinute}/min` : null,
    limits.perDay !== undefined ? `${limits.perDay}/day` : null,
  ].filter(Boolean)
  return parts.length ? parts.join(', ') : 'no limits known'
}

/** One provider as a block of labelled lines; several values under one label get a line each. */
export const describeProvider = (provider: ProviderSummary): string => {
  const lines: [string, string[]][] = []
  const test = provider.authTest
  const anyHost = test && test.verifyUrl === null ? 'any (each key names its own verify URL)' : 'none listed'
  lines.push(['hosts', [provider.hosts.length ? provider.hosts.join(', ') : anyHost]])
  if (!test) {
    lines.push(['tests', ['Keyward does not test these keys']])
  } else {
    lines.push(['verify', [test.verifyUrl ? `GET ${test.verifyUrl}` : 'none named: each key needs --verify-url']])
    lines.push([
      'schemes',
      test.schemes.map(
        (scheme) => `${scheme.id}: ${scheme.label}${scheme.id === test.defaultScheme ? ' (default)' : ''}`,
      ),
    ])
    lines.push([
      'plans',
      test.plans.length
        ? test.plans.map(
            (plan) =>
              `${plan.id}: ${describeLimits(plan.limits)}${plan.id === test.defaultPlan ? ' (default)' : ''}${plan.name.toLowerCase() !== plan.id ? `  [${plan.name}]` : ''}`,
          )
        : ['none published'],
    ])
  }
  lines.push([
    'rotation',
    [provider.rotationPeriodDays === null ? 'no period advised' : `every ${provider.rotationPeriodDays} days`],
  ])
  if (provider.baseUrl) lines.push(['base URL', [`${provider.baseUrl}  (tests go here instead)`]])
  if (provider.caCertificate) lines.push(['trusted CA', [provider.caCertificate]])
  const heading = `${provider.id}  ${provider.name}${provider.custom ? '  (yours)' : ''}`
  const body = lines.flatMap(([label, values]) =>
    values.map((value, index) => `  ${(index === 0 ? label : '').padEnd(12)}${value}`),
  )
  return [heading, ...body].map((line) => `${printable(line)}\n`).join('')
}

const checkBaseUrl = (url: string): string => {
  const checked = checkHttpsUrl(url, 'A base URL')
  if (checked.kind === 'not_url') {
    throw new KeywardError(
      'invalid_argument',
      `"${printable(url)}" is not a URL. Give one such as https://staging.example.com.`,
    )
  }
  if (url.length > 2000) throw new KeywardError('invalid_argument', 'A base URL is at most 2000 characters.')
  if (checked.problem) throw new KeywardError('invalid_argument', checked.problem)
  return url
}

/** Exactly one of a value and --reset, or a usage error. */
const valueOrReset = (self: Command, value: string | undefined, reset: boolean | undefined, what: string): void => {
  if (value === undefined && !reset)
    self.error(`give ${what}, or --reset to remove the setting.`, { exitCode: 2, code: 'keyward.valueOrReset' })
  if (value !== undefined && reset)
    self.error(`give ${what} or --reset, not both.`, { exitCode: 2, code: 'keyward.valueOrReset' })
}

export const registerProviders = (program: Command, context: CliContext): Command => {
  const providers = program
    .command('providers')
    .description('list the providers Keyward knows and how it tests their keys; set where their tests go')
    .option('--json', 'print a JSON array of providers (as the app lists them)')
    // An unknown subcommand arrives as an argument; it is answered below with the list of real ones.
    .allowExcessArguments(true)
    .addHelpText(
      'after',
      `
Lists the built-in providers and yours with their hosts, header schemes, plans (rate limits), the
rotation period they advise, and the base URL and CA certificate set for their tests, if any.

Examples:
  keyward providers
  keyward providers --json | jq '.[] | select(.baseUrl != null) | .id'
  keyward providers set-base-url clipia https://clipia.staging.internal
  keyward providers trust-ca clipia staging-ca.pem
  keyward providers add acme.json
  keyward providers remove acme
`,
    )
    .action(async (_options: object, self: Command) => {
      if (self.args.length > 0) {
        self.error(
          `unknown command '${printable(self.args[0]!)}' for providers. Its commands are: set-base-url, trust-ca, add, remove.`,
          {
            exitCode: 2,
            code: 'commander.unknownCommand',
          },
        )
      }
      const options = self.optsWithGlobals<GlobalOptions & { json?: boolean }>()
      const summaries = await withOpenVault(context, options, (vault) => providerSummaries(vault))
      if (options.json) {
        context.io.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`)
        return
      }
      context.io.stdout.write(summaries.map(describeProvider).join('\n'))
    })
  registerSetBaseUrl(providers, context)
  registerTrustCa(providers, context)
  registerAdd(providers, context)
  registerRemove(providers, context)
  return providers
}

const registerSetBaseUrl = (providers: Command, context: CliContext): void => {
  providers
    .command('set-base-url')
    .description("send a provider's tests to another base URL (a staging host or a proxy); stored in the vault")
    .argument('<provider>', 'the provider (id or name)')
    .argument('[url]', 'the https:// base URL; the verify request keeps its path under it')
    .option('--reset', "send the provider's tests to the provider itself again")
    .option('-y, --yes', 'send keys to the new host without asking (needed when there is no terminal to ask)')
    .showHelpAfterError(USAGE_HINT('set-base-url'))
    .addHelpText(
      'after',
      `
The verify request's path and query are kept under the base URL's own path:
https://proxy.internal/clipia + /v1/account = https://proxy.internal/clipia/v1/account.
Only https:// is accepted: Keyward never sends a key in the clear. A new host is a new place keys
go: Keyward names it and the keys sent there, and asks (or takes --yes where there is no terminal).

Examples:
  keyward providers set-base-url clipia https://clipia.staging.internal
  keyward providers set-base-url clipia https://clipia.staging.internal --yes --password-file ~/.keyward-password
  keyward providers set-base-url clipia --reset
`,
    )
    .action(async (provider: string, url: string | undefined, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & { reset?: boolean; yes?: boolean }>()
      valueOrReset(self, url, options.reset, 'the base URL')
      // Checked before the vault is opened: a wrong URL never costs the password.
      const baseUrl = url === undefined ? null : checkBaseUrl(url)
      const summary = await withOpenVault(context, options, (vault) =>
        setProviderBaseUrl(
          () => vault,
          requireProvider(vault, provider),
          baseUrl,
          askAtTerminal(context, Boolean(options.yes)),
        ),
      )
      const { stdout } = context.io
      if (baseUrl === null) {
        stdout.write(`Tests of ${summary.name} keys go to ${summary.name} itself again.\n`)
        return
      }
      const verifyUrl = summary.authTest?.verifyUrl
      const example = verifyUrl ? ` (verify request: ${applyBaseUrl(new URL(verifyUrl), baseUrl).href})` : ''
      stdout.write(`Tests of ${summary.name} keys now go to ${printable(baseUrl)}${example}.\n`)
      if (!summary.caCertificate) {
        stdout.write(
          `If that host's certificate comes from your own CA, trust it with: keyward providers trust-ca ${summary.id} CA.pem\n`,
        )
      }
    })
}

const registerTrustCa = (providers: Command, context: CliContext): void => {
  providers
    .command('trust-ca')
    .description("trust a CA certificate (PEM) for a provider's tests, beside the system's; stored in the vault")
    .argument('<provider>', 'the provider (id or name)')
    .argument('[file]', 'a PEM file with the CA certificate(s)')
    .option('--reset', "trust only the system's certificates again")
    .option('-y, --yes', 'trust it without asking (needed when there is no terminal to ask)')
    .showHelpAfterError(USAGE_HINT('trust-ca'))
    .addHelpText(
      'after',
      `
For a staging host or a proxy whose certificate comes from your own CA. The file must hold at least
one certificate (-----BEGIN CERTIFICATE-----); its certificates are kept in the vault.

Examples:
  keyward providers trust-ca clipia staging-ca.pem
  keyward providers trust-ca clipia staging-ca.pem --yes --password-file ~/.keyward-password
  keyward providers trust-ca clipia --reset
`,
    )
    .action(async (provider: string, file: string | undefined, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & { reset?: boolean; yes?: boolean }>()
      valueOrReset(self, file, options.reset, 'the CA certificate file')
      const path = file === undefined ? undefined : resolve(context.io.cwd, file)
      const certificate = path === undefined ? null : { name: basename(path), pem: readCaCertificate(path) }
      const summary = await withOpenVault(context, options, (vault) =>
        setProviderCaCertificate(
          () => vault,
          requireProvider(vault, provider),
          certificate,
          askAtTerminal(context, Boolean(options.yes)),
        ),
      )
      context.io.stdout.write(
        certificate === null
          ? `Tests of ${summary.name} keys trust only the system's certificates again.\n`
          : `Tests of ${summary.name} keys now also trust the CA certificate in ${printable(certificate.name)}.\n`,
      )
    })
}

const registerAdd = (providers: Command, context: CliContext): void => {
  providers
    .command('add')
    .description('add a provider of your own from a JSON definition (or replace yours with the same id)')
    .argument('<file>', 'the JSON definition, in the schema the built-in providers follow')
    .option(
      '-y, --yes',
      'add it without asking when it sends keys to new hosts (needed when there is no terminal to ask)',
    )
    .showHelpAfterError(USAGE_HINT('add'))
    .addHelpText(
      'after',
      `
The definition follows the schema of main/providers/definitions/*.json (docs/auth-tests.md). A
definition that does not is refused with the schema's own words, and nothing is stored.

Examples:
  keyward providers add acme.json
`,
    )
    .action(async (file: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & { yes?: boolean }>()
      const text = readSmallTextFile(resolve(context.io.cwd, file), {
        maxBytes: MAX_VALUE_BYTES,
        sizeInWords: '64 KB',
        what: 'a provider definition',
      })
      const { provider, replaced } = await withOpenVault(context, options, (vault) =>
        saveCustomProvider(() => vault, text, askAtTerminal(context, Boolean(options.yes))),
      )
      context.io.stdout.write(
        `${replaced ? 'Replaced' : 'Added'} your provider "${printable(provider.id)}" (${printable(provider.name)}).\n`,
      )
    })
}

const registerRemove = (providers: Command, context: CliContext): void => {
  providers
    .command('remove')
    .description('remove a provider you added')
    .argument('<id>', "the provider's id (or name)")
    .showHelpAfterError(USAGE_HINT('remove'))
    .addHelpText(
      'after',
      `
Keys that name the provider keep its id, but cannot be tested until it is back.

Examples:
  keyward providers remove acme
`,
    )
    .action(async (id: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions>()
      const { removed, keysUsingIt } = await withOpenVault(context, options, (vault) => removeCustomProvider(vault, id))
      context.io.stdout.write(`Removed your provider "${printable(removed.id)}" (${printable(removed.name)}).\n`)
      if (keysUsingIt > 0) {
        context.io.stderr.write(
          `keyward: note: ${keysUsingIt === 1 ? '1 key still names' : `${keysUsingIt} keys still name`} "${printable(removed.id)}"; ${keysUsingIt === 1 ? 'it' : 'they'} cannot be tested until you add the provider again or change ${keysUsingIt === 1 ? 'its' : 'their'} provider.\n`,
        )
      }
    })
}
