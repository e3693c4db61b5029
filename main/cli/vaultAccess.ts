// Finding and unlocking the vault for one command: --vault, else KEYWARD_VAULT, else the platform's
// default; the password from its source; the vault closed again whatever the command does.
import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { KeywardError } from '../common/errors'
import { openVault, resolveVaultPath, vaultExists, type OpenVault } from '../vault/index'
import type { CliContext } from './context'
import { choosePasswordSource, readMasterPassword, type PasswordOptions, type PasswordSource } from './passwordSource'

export interface GlobalOptions extends PasswordOptions {
  vault?: string
}

export const vaultPathFor = (options: GlobalOptions, { io }: CliContext): string => {
  const vaultPath = resolve(
    io.cwd,
    resolveVaultPath(options.vault, { platform: io.platform, env: io.env, homeDirectory: io.homeDirectory }),
  )
  if (isFolder(vaultPath)) {
    const namedBy = options.vault !== undefined ? '--vault' : io.env.KEYWARD_VAULT ? 'KEYWARD_VAULT' : 'The vault path'
    throw new KeywardError(
      'invalid_argument',
      `${namedBy} names ${vaultPath}, which is a folder. Name the vault file itself, such as ${join(vaultPath, 'vault.keyward')}.`,
    )
  }
  return vaultPath
}

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

export const missingVaultError = (vaultPath: string): KeywardError =>
  new KeywardError(
    'vault_missing',
    `No vault at ${vaultPath}. Create one with "keyward init", or point to yours with --vault PATH or KEYWARD_VAULT.`,
  )

/**
 * Unlocks the vault, runs the work, and closes the vault again. The unlock goes through the same
 * throttle as the app's (wrong passwords slow down, counted beside the vault across runs), on the
 * run's clock; a vault weaker than the current Argon2id cost is re-wrapped on the way.
 */
export const withOpenVault = async <Result>(
  context: CliContext,
  options: GlobalOptions,
  work: (vault: OpenVault) => Promise<Result> | Result,
  source: PasswordSource = choosePasswordSource(options, context),
): Promise<Result> => {
  const vaultPath = vaultPathFor(options, context)
  // Say the vault is missing before asking for a password that could not open anything.
  if (!vaultExists(vaultPath)) throw missingVaultError(vaultPath)
  const password = await readMasterPassword(source, context)
  const vault = await openVault(vaultPath, password, {
    now: () => new Date(context.clock.now()),
    clock: context.clock,
    actor: 'cli',
    // Tests make cheap vaults and must not pay for an upgrade on every command.
    ...(context.kdfCost ? { kdfCost: context.kdfCost } : {}),
  })
  try {
    return await work(vault)
  } finally {
    vault.close()
  }
}
