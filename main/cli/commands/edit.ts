// keyward edit NAME: change a key's fields, and its value only when asked to (--value-stdin or
// --value), read from stdin or a hidden prompt like `add`.
import type { Command } from 'commander'
import { KeyChanges, KeyName, type KeyRecord } from '#contract'
import type { CliContext } from '../context'
import { keyEditedEntry } from '../../vault/index'
import { describeKey, quoted } from '../keyDisplay'
import { updateKey } from '../../key-test-service/index'
import { askAtTerminal } from '../confirmWiderReach'
import { addKeyFieldOptions, fieldsFromOptions, invalidOptionError, type KeyFieldOptions } from '../keyFieldOptions'
import { findKeyByName } from '../keyLookup'
import { choosePasswordSource } from '../passwordSource'
import { chooseValueSource, readSecretValue } from '../secretValue'
import { withOpenVault, type GlobalOptions } from '../vaultAccess'

interface EditOptions extends KeyFieldOptions {
  name?: string
  valueStdin?: boolean
  value?: boolean
  json?: boolean
  yes?: boolean
}

export const registerEdit = (program: Command, context: CliContext): Command => {
  const command = program
    .command('edit')
    .description("change a key's name, fields or value")
    .argument('<name>', 'the key to change (its current name)')
    .option('--name <new-name>', 'rename the key')
  addKeyFieldOptions(command, { forEdit: true })
  return command
    .option('--value-stdin', 'set a new value, read from stdin (or asked for, hidden, on a terminal)')
    .option('--value', 'set a new value, asked for on the terminal (hidden); it takes no argument')
    .option('-y, --yes', 'send the key to a new host without asking (needed when there is no terminal to ask)')
    .option('--json', 'print the changed key record as JSON')
    .addHelpText(
      'after',
      `
Only the options given change. --tag and --scope replace the whole list; "none" clears --provider,
--env-var, --expires, --plan, --scheme and --verify-url. --plan, --scheme and --verify-url are
checked against the key's provider ("keyward providers" lists each provider's plans and schemes).
A --provider or --verify-url that sends the key to a host it was not sent to before is a new place
it goes: Keyward names the host and asks (or takes --yes where there is no terminal).
A new value becomes a new version; earlier versions are kept.

Examples:
  keyward edit "Clipia prod" --name "Clipia production" --tag billing --tag prod
  keyward edit "Clipia prod" --expires 2026-06-30 --notes "rotated by Ana"
  keyward edit "Clodura" --provider clodura --plan starter
  keyward edit "Cloro" --verify-url https://api.cloro.dev/v1/me --scheme bearer
  keyward edit "Cloro" --verify-url https://api.cloro.dev/v1/me --yes --password-file ~/.keyward-password
  keyward edit "Clipia prod" --value                       (asks for the new value)
  printf %s "$NEW_KEY" | keyward edit "Clipia prod" --value-stdin --password-file ~/.keyward-password
`,
    )
    .action(async (name: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & EditOptions>()
      const changes: KeyChanges = fieldsFromOptions(options)
      if (options.name !== undefined) {
        const newName = KeyName.safeParse(options.name)
        if (!newName.success) throw invalidOptionError(newName.error, { '': '--name' })
        changes.name = newName.data
      }
      const wantsValue = Boolean(options.valueStdin || options.value)
      if (Object.keys(changes).length === 0 && !wantsValue) {
        self.error('nothing to change: give at least one option, such as --notes TEXT or --value-stdin.', {
          exitCode: 2,
          code: 'keyward.nothingToChange',
        })
      }
      const passwordSource = choosePasswordSource(options, context)
      const valueSource = wantsValue ? chooseValueSource(context, passwordSource, !options.valueStdin) : undefined

      const { before, after } = await withOpenVault(
        context,
        options,
        async (vault) => {
          const key = findKeyByName(vault.keys, name)
          const changed = await updateKey(() => vault, key.id, changes, {
            ask: askAtTerminal(context, Boolean(options.yes)),
            newValue: valueSource
              ? () => readSecretValue(context, valueSource, `New value of ${quoted(key.name)} (hidden): `)
              : undefined,
          })
          vault.audit.record(keyEditedEntry(changed.after, changed.changes))
          return changed
        },
        passwordSource,
      )
      reportEdited(context, before, after, wantsValue, Boolean(options.json))
    })
}

const reportEdited = (
  context: CliContext,
  before: KeyRecord,
  after: KeyRecord,
  valueGiven: boolean,
  json: boolean,
): void => {
  const { stdout, stderr } = context.io
  if (valueGiven && after.versionCount === before.versionCount) {
    stderr.write('keyward: note: the new value is the same as the current one; no new version was made.\n')
  }
  if (json) {
    stdout.write(`${JSON.stringify(after, null, 2)}\n`)
    return
  }
  const renamed = before.name !== after.name ? ` (now ${quoted(after.name)})` : ''
  const version = after.versionCount > before.versionCount ? `; new value stored as version ${after.versionCount}` : ''
  stdout.write(`Changed ${quoted(before.name)}${renamed}${version}\n${describeKey(after)}`)
}
