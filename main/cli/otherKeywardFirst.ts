// `keyward --version` from the single executable (main/cli/sea/seaMain.ts) also says, on stderr, when
// typing `keyward` runs another file first (an older keyward earlier on PATH), naming both: its version
// line alone would not show that the one a shell finds is not the one just run by its full path.
import { dirname } from 'node:path'
import { firstOnPath, resolvedPath } from '../common/commandOnPath'
import { singleExecutableFolder } from '../common/singleExecutable'

/** The note, or null when this keyward is the one a shell finds (or this is not the executable). */
export const otherKeywardFirstNote = (pathVariable: string | undefined): string | null => {
  if (singleExecutableFolder() === null) return null
  const self = resolvedPath(process.execPath)
  const found = firstOnPath('keyward', pathVariable)
  if (found === null || found.resolved === self) return null
  const leadsTo = found.resolved === found.path ? '' : ` (${found.resolved})`
  return `keyward: typing keyward runs ${found.path}${leadsTo} first, not this keyward (${self}): remove that one, or put ${dirname(self)} before its folder on PATH.\n`
}
