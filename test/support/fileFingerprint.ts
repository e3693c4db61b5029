// A file's bytes as one SHA-256, or 'absent': tests compare these before and after to prove that
// something refused changed nothing on disk.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'

export const fileFingerprint = (path: string): string =>
  existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent'
