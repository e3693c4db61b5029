// Writes an export: readable by the user alone (0600), and never through a symlink someone planted.
import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, writeSync } from 'node:fs'
import { KeywardError } from '../common/errors'

export const writeEnvFile = (path: string, contents: string): void => {
  try {
    if (lstatSync(path).isSymbolicLink()) {
      throw new KeywardError('io_error', `${path} is a symbolic link; Keyward does not write secrets through links. Choose another file.`)
    }
  } catch (error) {
    if (error instanceof KeywardError) throw error
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new KeywardError('io_error', `Could not write ${path}: ${(error as Error).message}`)
    }
  }
  let descriptor: number
  try {
    descriptor = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600)
  } catch (error) {
    throw new KeywardError('io_error', `Could not write ${path}: ${(error as Error).message}`)
  }
  try {
    // An existing file keeps its mode on open; make it private before any secret is written.
    fchmodSync(descriptor, 0o600)
    writeSync(descriptor, contents)
    fsyncSync(descriptor)
  } finally {
    closeSync(descriptor)
  }
}
