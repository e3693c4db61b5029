// Notices said once until the next unlock (the hook's "the vault is locked, rules only"): a mark in
// the private agent folder, removed when an agent starts, so that not every commit repeats it.
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { preparePrivateFolder, type AgentPaths } from './runtimeFolder'

/** Writes the notice unless it was said since the last unlock; a folder that is not private only skips the mark. */
export const sayOnceUntilUnlocked = (
  paths: AgentPaths,
  stream: { write(text: string): unknown },
  text: string,
): void => {
  try {
    preparePrivateFolder(paths.folder)
    if (existsSync(paths.lockedNotice)) return
    writeFileSync(paths.lockedNotice, '', { mode: 0o600 })
  } catch {
    // No private folder to keep the mark in: saying it every time is the safe side.
  }
  stream.write(text)
}

/** A new unlock: the next locked scan says so again. */
export const forgetNotices = (paths: AgentPaths): void => rmSync(paths.lockedNotice, { force: true })
