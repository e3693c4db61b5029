// keyward add NAME: store a new key. Its value comes from stdin or a hidden prompt, never from an
// argument; provider and environment are guessed from the value when not given.
import type { Command } from 'commander'
import { KeyName } from '#contract'
import { addKey, checkNewKeyBeforeValue, type AddedKey } from '../../key-test-service/index'
import { knownPrefixOf } from '../../providers/index'
import type { CliContext } from '../context'
import { keyAddedEntry } from '../../vault/index'
import { describeKey, quoted } from '../keyDisplay'
import { addKeyFieldOptions, fieldsFromOptions, invalidOptionError, type KeyFieldOptions } from '../keyFieldOptions'
import { choosePasswordSource } from '../passwordSource'
import { chooseValueSource, readSecretValue } from '../secretValue'
import { withOpenVault, type GlobalOptions } from '../vaultAccess'

interface AddOptions extends KeyFieldOptions {
  json?: boolean
}

export const registerAdd = (program: Command, context: CliContext): Command => {
  const command = program
    .command('add')
    .description('add a key; its value is read from stdin or a hidden prompt, never from an argument')
    .argument('<name>', 'the name of the key (unique in the vault)')
  addKeyFieldOptions(command, { forEdit: false })
  return command
    .option('--json', 'print the stored key record as JSON')
    .addHelpText(
      'after',
      `
The value is read from stdin when something is piped in (one trailing newline is dropped), else
asked for on the terminal without being shown. Provider, environment and env var are guessed from
the value's prefix when left out.

Examples:
  keyward add "Clipia prod"                      (asks for the value)
  printf %s "$CLIPIA_KEY" | keyward add "Clipia prod" --tag billing --scope read
  keyward add "Airclou CI" --env test --expires 2026-12-31 --password-file ~/.keyward-password < key.txt
  keyward add "Cloro" --provider cloro --verify-url https://api.cloro.dev/v1/me < cloro-key.txt
`,
    )
    .action(async (name: string, _options: object, self: Command) => {
      const options = self.optsWithGlobals<GlobalOptions & AddOptions>()
      const checkedName = KeyName.safeParse(name)
      if (!checkedName.success) throw invalidOptionError(checkedName.error, { '': 'NAME' })
      const fields = fieldsFromOptions(options)
      const passwordSource = choosePasswordSource(options, context)
      const valueSource = chooseValueSource(context, passwordSource)

      const { added, recognised } = await withOpenVault(
        context,
        options,
        async (vault) => {
          // The name, and a plan against the provider given, are refused before the value is asked for.
          checkNewKeyBeforeValue(vault, { ...fields, name: checkedName.data }, 'or change that key with "keyward edit"')
          const value = await readSecretValue(context, valueSource, `Value of ${quoted(checkedName.data)} (hidden): `)
          const added = addKey(vault, { ...fields, name: checkedName.data, value })
          vault.audit.record(keyAddedEntry(added.record))
          return { added, recognised: knownPrefixOf(value) !== '' }
        },
        passwordSource,
      )
      reportAdded(context, { ...added, recognised }, fields, Boolean(options.json))
    })
}

interface Added extends AddedKey {
  /** The value starts with a prefix Keyward knows. */
  recognised: boolean
}

const reportAdded = (
  context: CliContext,
  { record, guess, recognised, sameValueAs }: Added,
  given: ReturnType<typeof fieldsFromOptions>,
  json: boolean,
): void => {
  const { stdout, stderr } = context.io
  if (sameValueAs) stderr.write(`keyward: note: the same value is also stored as ${quoted(sameValueAs)}.\n`)
  if (given.provider === undefined && guess.ambiguousWith.length) {
    stderr.write(
      `keyward: note: that prefix is also used by ${guess.ambiguousWith.join(', ')}; if the provider is wrong, fix it with --provider.\n`,
    )
  }
  if (json) {
    stdout.write(`${JSON.stringify(record, null, 2)}\n`)
    return
  }
  const guessed = recognised ? 'guessed from the value' : 'guessed from the env var'
  stdout.write(
    `Added ${quoted(record.name)}\n` +
      describeKey(record, {
        provider:
          given.provider === undefined
            ? record.provider
              ? guessed
              : 'not recognised; set it with --provider'
            : undefined,
        environment:
          given.environment === undefined
            ? recognised || given.envVar
              ? guessed
              : 'the default; set it with --env'
            : undefined,
        envVar: given.envVar === undefined && record.envVar ? guessed : undefined,
      }),
  )
}
