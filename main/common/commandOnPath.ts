// Which `keyward` a shell would run: the first executable of that name along a PATH, as the shell
// looks it up, and the file it leads to through links. The app's Settings and `keyward --version`
// use it to say when the keyward people type is not the app's own (an older one earlier on PATH).
import { accessSync, constants, realpathSync, statSync } from 'node:fs'
import { delimiter as posixDelimiter, isAbsolute, join } from 'node:path'

export interface FoundCommand {
  /** Where on PATH it was found (a link, often). */
  path: string
  /** The file it leads to, links resolved. */
  resolved: string
}

const isExecutableFile = (path: string, platform: NodeJS.Platform): boolean => {
  try {
    if (!statSync(path).isFile()) return false
    if (platform !== 'win32') accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The first `name` on `pathVariable`, or null. Relative entries (an empty one is the current
 * folder) are skipped: where a shell is started decides what they mean, and the app cannot know.
 */
export const firstOnPath = (
  name: string,
  pathVariable: string | undefined,
  platform: NodeJS.Platform = process.platform,
): FoundCommand | null => {
  const delimiter = platform === 'win32' ? ';' : posixDelimiter
  const fileNames = platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, `${name}.bat`] : [name]
  for (const folder of (pathVariable ?? '').split(delimiter)) {
    if (!isAbsolute(folder)) continue
    for (const fileName of fileNames) {
      const path = join(folder, fileName)
      if (!isExecutableFile(path, platform)) continue
      return { path, resolved: resolvedPath(path) }
    }
  }
  return null
}

/** `path` with its links resolved, or itself when that fails (a link that vanished meanwhile). */
export const resolvedPath = (path: string): string => {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}
