// The files of a folder on disk, for a plain folder and for ignored folders git lists as one entry.
// Symbolic links are listed, never followed (the worker reports a loop); dependency and build folders
// are counted and left out.
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/** Ignored folders not worth reading: other people's code and build output. */
export const SKIPPED_DIRECTORIES = new Set([
  '.git',
  'node_modules',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  '.gradle',
  '.next',
  '.nuxt',
  '.cache',
  'dist',
  'build',
  'out',
  'target',
  'coverage',
])

export interface WalkResult {
  files: string[]
  skippedDirectories: number
  unreadable: Array<{ path: string; reason: string }>
}

const toPosix = (path: string): string => (sep === '/' ? path : path.split(sep).join('/'))

/** Files under `folder`, as paths relative to `base`. */
export const walkFolder = (base: string, folder: string, skipDirectories: boolean): WalkResult => {
  const result: WalkResult = { files: [], skippedDirectories: 0, unreadable: [] }
  const pending = [folder]
  while (pending.length > 0) {
    const directory = pending.pop()!
    let entries
    try {
      entries = readdirSync(directory, { withFileTypes: true })
    } catch (error) {
      result.unreadable.push({
        path: toPosix(relative(base, directory)),
        reason: (error as NodeJS.ErrnoException).code ?? 'unknown',
      })
      continue
    }
    for (const entry of entries) {
      const path = join(directory, entry.name)
      if (entry.isDirectory()) {
        if (entry.name === '.git' || (skipDirectories && SKIPPED_DIRECTORIES.has(entry.name))) {
          result.skippedDirectories++
          continue
        }
        pending.push(path)
      } else {
        result.files.push(toPosix(relative(base, path)))
      }
    }
  }
  return result
}
