// keyward list: the vault's keys as a table or JSON, with masked values only.
import { Option, type Command } from 'commander'
import type { Environment, KeyQuery } from '#contract'
import { ENVIRONMENTS } from '#contract/contractWords'
import { KeywardError } from '../../common/errors'
import type { CliContext } from '../context'
import { formatKeyTable } from '../keyDisplay'
import { withVaultJob, type GlobalOptions } from '../vaultAccess'

interface ListOptions {
  json?: boolean
  env?: Environment
  provider?: string
  tag?: string
  search?: string
}

/**
 * The filters as the vault's query. Commander has checked --env; the other filters are checked with
 * the contract's schema, loaded only when one is given (a bare `keyward list` has nothing to check).
 */
const keyQueryFor = async (options: ListOptions): Promise<KeyQuery> => {
  if (options.provider === undefined && options.tag === undefined && options.search === undefined)
    return options.env === undefined ? {} : { environment: options.env }
  const [{ KeyQuery }, { findProvider }] = await Promise.all([import('#contract'), import('../../providers/index')])
  const query = KeyQuery.safeParse({
    text: options.search,
    environment: options.env,
    provider: options.provider === undefined ? undefined : (findProvider(options.provider)?.id ?? options.provider),
    tag: options.tag,
  })
  if (!query.success) {
    throw new KeywardError(
      'invalid_argument',
      `A filter is not valid: ${query.error.issues[0]?.message ?? 'check --provider, --tag and --search'}.`,
    )
  }
  return query.data
}

export const registerList = (program: Command, context: CliContext): Command =>
  program
    .command('list')
    .alias('ls')
    .description('list the keys in the vault (values are always masked)')
    .option('--json', 'print a JSON array of key records')
    .addOption(new Option('--env <environment>', 'only keys of this environment').choices(ENVIRONMENTS))
    .option('--provider <provider>', 'only keys of this provider (id or name)')
    .option('--tag <tag>', 'only keys with this tag')
    .option('--search <text>', 'only keys whose name, provider, tags, scopes, notes or env var contain TEXT')
    .addHelpText(
      'after',
      `
Examples:
  keyward list
  keyward list --env live --provider clipia
  keyward list --tag billing --json | jq '.[].name'
`,
    )
    .action(async (_options: object, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & ListOptions>()
      const { keys, total } = await withVaultJob(context, options, 'list', await keyQueryFor(options))
      const { stdout } = context.io
      if (options.json) {
        stdout.write(`${JSON.stringify(keys, null, 2)}\n`)
        return
      }
      if (keys.length === 0) {
        stdout.write(
          total === 0
            ? 'The vault holds no keys yet. Add one with: keyward add NAME\n'
            : `No keys match (the vault holds ${total}).\n`,
        )
        return
      }
      stdout.write(formatKeyTable(keys))
      const filtered = keys.length < total ? ` of ${total}` : ''
      stdout.write(`${keys.length}${filtered} key${total === 1 ? '' : 's'}\n`)
    })
