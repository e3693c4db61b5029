// The single executable `keyward` (npm run build:cli) carries the CLI inside a Node binary, and its
// native parts sit beside it: its require reaches only Node's builtins, so they are loaded from there.
import { createHash } from 'node:crypto'
import { lstatSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { KeywardError } from './errors'

export interface NativePart {
  /** The file's name beside the executable. */
  file: string
  /** What it is, for messages. */
  what: string
}

export const NATIVE_PARTS = {
  sqlite: { file: 'better_sqlite3.node', what: 'the SQLite cipher module' },
  argon2: { file: 'argon2.node', what: 'the Argon2 module' },
  packReader: { file: 'keyward_pack.node', what: "the scanner's pack reader" },
} as const satisfies Record<string, NativePart>

type SeaModule = { isSea(): boolean; getAsset(key: string, encoding: string): string }

const seaModule = (): SeaModule | undefined =>
  // Not a static import: Electron's Node and older runtimes need not have node:sea.
  process.getBuiltinModule?.('node:sea') as SeaModule | undefined

/** The executable's folder (links resolved) when running as the single executable, else null. */
export const singleExecutableFolder = (): string | null => (seaModule()?.isSea() ? dirname(process.execPath) : null)

/** A text file built into the single executable (the scan worker's code), or null outside it. */
export const singleExecutableAsset = (name: string): string | null =>
  seaModule()?.isSea() ? (seaModule() as SeaModule).getAsset(name, 'utf8') : null

/** The SHA-256 of each native part as built, kept inside the executable (main/cli/sea/build.mjs). */
export const NATIVE_PARTS_MANIFEST = 'nativeParts.json'

const builtDigest = (part: NativePart): string | undefined => {
  const manifest = singleExecutableAsset(NATIVE_PARTS_MANIFEST)
  return manifest === null ? undefined : (JSON.parse(manifest) as Record<string, string>)[part.file]
}

const ownedSafely = (uid: number): boolean => uid === 0 || uid === process.getuid?.()
/** Writable by others, or by a group other than the user's own (umask 002 gives folders to it). */
const othersCanWrite = (mode: number, gid: number): boolean =>
  (mode & 0o002) !== 0 || ((mode & 0o020) !== 0 && gid !== process.getgid?.())

/**
 * Why `part` beside the executable cannot be used, or null when it can. Native code runs with the
 * user's rights, so a part (or its folder) another user could replace is refused, as ssh refuses keys.
 */
export const nativePartProblem = (folder: string, part: NativePart): string | null => {
  const path = join(folder, part.file)
  let file
  let directory
  try {
    file = lstatSync(path)
    directory = lstatSync(folder)
  } catch {
    return `${part.what} (${part.file}) is missing from ${folder}`
  }
  if (!file.isFile()) return `${part.what}, ${path}, is not a regular file`
  if (process.platform === 'win32') return null
  for (const [what, stats] of [
    [path, file],
    [folder, directory],
  ] as const) {
    if (othersCanWrite(stats.mode, stats.gid) || !ownedSafely(stats.uid)) {
      return `${what} can be changed by another user (mode ${(stats.mode & 0o777).toString(8)}, owner ${stats.uid}), so ${part.what} there is not loaded; make it writable only by you or root (chmod go-w)`
    }
  }
  return null
}

const loaded = new Map<string, unknown>()
let allChecked = false

/** Why `part` must not be loaded now (its place, owner, mode, then its digest), or null. */
const loadProblem = (folder: string, part: NativePart): string | null => {
  const problem = nativePartProblem(folder, part)
  if (problem) return `${problem}. Reinstall Keyward, or keep keyward together with the files it came with.`
  const path = join(folder, part.file)
  // Checked before loading: a cut-short or foreign library can crash the process inside dlopen.
  const expected = builtDigest(part)
  if (expected !== undefined && createHash('sha256').update(readFileSync(path)).digest('hex') !== expected)
    return `${part.what}, ${path}, is not the one this keyward was built with (damaged, or from another version). Reinstall Keyward.`
  return null
}

/**
 * Loads a native part from beside the executable, when a command first needs it (`keyward list`
 * through the agent needs none). The first part a process loads has every part checked with it, so a
 * command stops, naming all that is wrong and where, before its first write (no vault without SQLite
 * and Argon2); each later part is checked again just before it loads.
 */
export const loadNativePart = <T>(part: NativePart): T => {
  const known = loaded.get(part.file)
  if (known) return known as T
  const folder = singleExecutableFolder() ?? dirname(process.execPath)
  const problems = (allChecked ? [part] : Object.values(NATIVE_PARTS))
    .map((each) => loadProblem(folder, each))
    .filter((problem) => problem !== null)
  if (problems.length > 0) {
    throw new KeywardError(
      'io_error',
      `this keyward (${process.execPath}) cannot run without its native parts:\n${problems.map((problem) => `  ${problem}`).join('\n')}`,
    )
  }
  allChecked = true
  const path = join(folder, part.file)
  const module = { exports: {} as T }
  try {
    process.dlopen(module, path)
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    throw new KeywardError(
      'io_error',
      `this keyward (${process.execPath}) cannot run without its native parts:\n  ${part.what}, ${path}, does not load (damaged, or from another build or system: ${reason}). Reinstall Keyward.`,
    )
  }
  loaded.set(part.file, module.exports)
  return module.exports
}
