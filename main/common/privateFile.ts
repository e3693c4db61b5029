// The one writer of every file Keyward writes (the vault header, the unlock attempts, .env exports,
// inject -o, the rotation calendar and reminders): readable by the user alone (0600), written whole
// under a temporary name, fsynced and renamed into place, never through a symbolic link.
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { KeywardError } from './errors'
import { whyWriteFailed } from './writeFailure'

const writeError = (path: string, error: unknown): KeywardError =>
  new KeywardError('io_error', `Could not write ${path}: ${whyWriteFailed(error, dirname(path))}.`)

/**
 * Refuses a destination that is a symbolic link or a folder, or that exists when it may not be
 * replaced. Called before any secret is read, and again just before the rename.
 */
export const checkPrivateFileDestination = (path: string, { replace }: { replace: boolean }): void => {
  let existing
  try {
    existing = lstatSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(path, error)
    // A new file: its folder must be there (said before any secret is read, not after).
    try {
      if (!statSync(dirname(path)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })
    } catch (folderError) {
      throw writeError(path, folderError)
    }
    return
  }
  if (existing.isSymbolicLink()) {
    throw new KeywardError(
      'io_error',
      `${path} is a symbolic link; Keyward does not write secrets through links. Choose another file.`,
    )
  }
  if (existing.isDirectory()) throw new KeywardError('io_error', `${path} is a folder. Name a file to write.`)
  if (!replace)
    throw new KeywardError('io_error', `${path} already exists. Add --force to replace it, or choose another file.`)
}

export const writePrivateFileAtomically = (path: string, contents: string, { replace }: { replace: boolean }): void => {
  checkPrivateFileDestination(path, { replace })
  const temporaryPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let descriptor: number
  try {
    // O_EXCL and O_NOFOLLOW: a file or link planted under the temporary name is never written through.
    descriptor = openSync(
      temporaryPath,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    )
  } catch (error) {
    throw writeError(path, error)
  }
  try {
    try {
      // The umask can only take permissions away; make sure nothing but the owner's are there.
      fchmodSync(descriptor, 0o600)
      writeSync(descriptor, contents)
      fsyncSync(descriptor)
    } finally {
      closeSync(descriptor)
    }
    checkPrivateFileDestination(path, { replace })
    renameSync(temporaryPath, path)
  } catch (error) {
    rmSync(temporaryPath, { force: true })
    if (error instanceof KeywardError) throw error
    throw writeError(path, error)
  }
  // Make the rename itself durable (where a folder can be opened: not on Windows).
  try {
    const directory = openSync(dirname(path), 'r')
    try {
      fsyncSync(directory)
    } finally {
      closeSync(directory)
    }
  } catch {
    // The file is written and in place; only its durability across a power cut is less certain.
  }
}
