// Writes an export: readable by the user alone (0600), written whole and renamed into place, and never
// through a symlink someone planted (an existing file is replaced: the save dialog asked first).
import { writePrivateFileAtomically } from '../common/privateFile'

export const writeEnvFile = (path: string, contents: string): void =>
  writePrivateFileAtomically(path, contents, { replace: true })
