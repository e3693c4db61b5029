// Refuses to open or create a vault through a symbolic link. SQLite writes its files (and Keyward
// its header) in place: a link planted where one of them belongs would send those writes into
// whatever file it points at, or swap in a vault of someone else's choosing. The folder the vault
// sits in may itself be a link (a synced or dotfiles folder); only the files are checked.
import { lstatSync, readlinkSync } from 'node:fs'
import { resolve, dirname } from 'node:path'
import { KeywardError } from '../../common/errors'
import { headerPathFor } from './header'
import { unlockAttemptsPathFor } from './unlockThrottle'

/** Every file Keyward or SQLite reads or writes for the vault at this path. */
export const vaultFilePaths = (vaultPath: string): string[] => [
  vaultPath,
  headerPathFor(vaultPath),
  `${vaultPath}-wal`,
  `${vaultPath}-shm`,
  `${vaultPath}-journal`,
  unlockAttemptsPathFor(vaultPath),
]

/** The file's own status (a link is not followed), or null when there is nothing there. */
export const lstatOrNull = (path: string) => {
  try {
    return lstatSync(path)
  } catch {
    return null
  }
}

const isSymbolicLink = (path: string): boolean => lstatOrNull(path)?.isSymbolicLink() ?? false

/** Where a link points, for messages. */
export const linkTarget = (path: string): string => {
  try {
    return resolve(dirname(path), readlinkSync(path))
  } catch {
    return 'an unreadable target'
  }
}

export const refuseLinkedVaultFiles = (vaultPath: string, doing: 'open' | 'create' | 'back up' | 'restore'): void => {
  const linked = vaultFilePaths(vaultPath).find(isSymbolicLink)
  if (linked === undefined) return
  const what =
    linked === vaultPath
      ? 'The vault path'
      : linked === headerPathFor(vaultPath)
        ? "The vault's header"
        : 'The vault file'
  throw new KeywardError(
    'io_error',
    `${what} ${linked} is a symbolic link (to ${linkTarget(linked)}). Keyward does not ${doing} a vault through a link, since a link can send its writes into another file; nothing was changed. Point --vault or KEYWARD_VAULT at the real file, or remove the link.`,
  )
}
