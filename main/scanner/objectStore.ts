// Whether a repository's objects all live in its own object store. Git follows alternates and links
// under .git/objects wherever they lead (another user's repository, say); the scanner reads a
// repository's objects only when none leads outside. Written for Node's type stripping (workers).
import { closeSync, constants, openSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'

/** Whether `path` is `folder` or under it (both real paths). */
export const isWithin = (path: string, folder: string): boolean => {
  const rest = relative(folder, path)
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest))
}

const realOrNull = (path: string): string | null => {
  try {
    return realpathSync.native(path)
  } catch {
    return null
  }
}

/** The alternates file's entries (git's format: one folder a line, # comments), read without following a link. */
const alternates = (objects: string): string[] => {
  let descriptor: number
  try {
    descriptor = openSync(join(objects, 'info', 'alternates'), constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // A link in its place is itself something leading elsewhere.
    return code === 'ELOOP' ? [join(objects, 'info', 'alternates')] : []
  }
  try {
    return readFileSync(descriptor, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith('#'))
  } finally {
    closeSync(descriptor)
  }
}

/**
 * What under the repository's object store leads outside it: the objects folder itself, alternates,
 * or a link among its folders and files (packs, loose objects, commit-graphs). Empty when none does.
 * Each entry says what and where, for the scan's report.
 */
export const objectsLeadingOutside = (commonDirectory: string): string[] => {
  const objects = join(commonDirectory, 'objects')
  const realCommon = realOrNull(commonDirectory)
  const realObjects = realOrNull(objects)
  if (!realCommon || !realObjects) return []
  if (!isWithin(realObjects, realCommon)) return [`the objects folder is a link to ${realObjects}`]
  const outside: string[] = []
  for (const entry of alternates(objects)) {
    const target = realOrNull(resolve(objects, entry)) ?? resolve(objects, entry)
    if (!isWithin(target, realObjects)) outside.push(`alternates (objects/info/alternates) name ${target}`)
  }
  // Two levels hold everything git reads: objects/xx/<loose>, objects/pack/*, objects/info/*.
  const pending: Array<{ folder: string; depth: number }> = [{ folder: objects, depth: 0 }]
  while (pending.length > 0) {
    const { folder, depth } = pending.pop()!
    let entries
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      const path = join(folder, entry.name)
      if (entry.isSymbolicLink()) {
        const target = realOrNull(path)
        if (target === null || !isWithin(target, realObjects))
          outside.push(`${relative(commonDirectory, path)} is a link to ${target ?? 'a missing file'}`)
      } else if (entry.isDirectory() && depth < 2) pending.push({ folder: path, depth: depth + 1 })
    }
  }
  return outside
}

/** The pack folder of a repository, real, when it stays inside its objects folder; else null. */
export const packDirectoryInside = (gitDirectory: string): string | null => {
  const realObjects = realOrNull(join(gitDirectory, 'objects'))
  const realGit = realOrNull(gitDirectory)
  const realPacks = realOrNull(join(gitDirectory, 'objects', 'pack'))
  if (!realObjects || !realGit || !realPacks || !isWithin(realObjects, realGit) || !isWithin(realPacks, realObjects))
    return null
  return realPacks
}
