// Where the vault lives: KEYWARD_VAULT or --vault win; otherwise the platform's per-user data folder
// (the same folder Electron's app.getPath('userData') gives for an app named Keyward). Kept on the
// common shelf, not in the vault's room: a command the unlocked agent answers needs the path without
// loading the vault's modules (main/vault/index exports these again).
import { join } from 'node:path'

export const VAULT_FILE_NAME = 'vault.keyward'

export interface PathContext {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  homeDirectory: string
}

export const userDataDirectory = ({ platform, env, homeDirectory }: PathContext): string => {
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homeDirectory, 'AppData', 'Roaming'), 'Keyward')
    case 'darwin':
      return join(homeDirectory, 'Library', 'Application Support', 'Keyward')
    default:
      return join(env.XDG_CONFIG_HOME || join(homeDirectory, '.config'), 'Keyward')
  }
}

export const defaultVaultPath = (context: PathContext): string => join(userDataDirectory(context), VAULT_FILE_NAME)

/** The vault path to use: an explicit --vault, then KEYWARD_VAULT, then the default. */
export const resolveVaultPath = (explicitPath: string | undefined, context: PathContext): string =>
  explicitPath || context.env.KEYWARD_VAULT || defaultVaultPath(context)
