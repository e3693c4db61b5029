// keyward init: create a new, empty vault protected by a master password.
import type { Command } from 'commander'
import { KeywardError } from '../../common/errors'
import { createVault, headerPathFor, vaultExists } from '../../vault/index'
import type { CliContext } from '../context'
import { choosePasswordSource, readNewMasterPassword } from '../passwordSource'
import { vaultPathFor, type GlobalOptions } from '../vaultAccess'

export const registerInit = (program: Command, context: CliContext): Command =>
  program
    .command('init')
    .description('create a new vault protected by a master password')
    .addHelpText(
      'after',
      `
On a terminal the password is asked twice and never shown; it needs at least 8 characters.

Examples:
  keyward init
  keyward init --vault ~/work/keys.keyward
  keyward init --password-file ~/.config/keyward/password   (first line of the file)
`,
    )
    .action(async (_options: object, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>()
      const vaultPath = vaultPathFor(options, context)
      if (vaultExists(vaultPath)) {
        throw new KeywardError(
          'vault_exists',
          `A vault already exists at ${vaultPath}. Use it, or choose another path with --vault.`,
        )
      }
      const password = await readNewMasterPassword(choosePasswordSource(options, context), context)
      const vault = await createVault(vaultPath, password, {
        actor: 'cli',
        ...(context.kdfCost ? { kdfCost: context.kdfCost } : {}),
      })
      vault.close()
      context.io.stdout.write(
        `Created a vault at ${vaultPath}\n` +
          `Back up the vault together with its header, ${headerPathFor(vaultPath)}. Nothing can open the vault without the master password.\n`,
      )
    })
