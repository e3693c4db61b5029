// "Install the keyward command" (Settings, and the app's menu): main links `keyward` on the user's
// PATH to the app's own command (resources/cli/keyward, docs/cli.md) and takes the link off again.
// The page only asks: every path here is main's. A link is replaced or removed only when it is one
// Keyward made; anything else at that path is another program's and is left as it is.
//
// Linux: ~/.local/bin/keyward (no administrator needed). From an AppImage, whose folder exists only
// while the app runs, the command and its native parts are first copied to ~/.local/share/keyward/cli.
// macOS: /usr/local/bin/keyward, which usually needs an administrator: then the status gives the
// exact command to run in Terminal. Windows: the installer puts resources\cli on PATH; a deb links
// /usr/bin/keyward itself; the status then says so and offers nothing to install.
import { randomBytes } from 'node:crypto'
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { CommandStatus } from '#contract'
import { firstOnPath, resolvedPath } from '../common/commandOnPath'
import { KeywardError } from '../common/errors'
import { whyWriteFailed } from '../common/writeFailure'

export interface CommandInstallOptions {
  platform: NodeJS.Platform
  homeDirectory: string
  /** The app's own keyward and its native parts (resources/cli); null in a build that carries none. */
  commandFolder: string | null
  /** The PATH the app was started with. */
  pathVariable: string | undefined
  /** The app runs from an AppImage: its folder is gone once the app quits, so the command is copied out. */
  fromAppImage: boolean
  /** Where macOS gets the link: /usr/local/bin unless a test gives its own. */
  systemBinFolder?: string
  /** A path as the window shows it (the home folder as ~). */
  displayPath: (path: string) => string
}

type AtLink = { kind: 'none' } | { kind: 'ours'; target: string } | { kind: 'foreign'; what: string }
type Outcome = { status: CommandStatus; message: string }

/** A link target Keyward made: some Keyward's resources/cli/keyward (an earlier install, an old AppImage mount). */
const KEYWARD_COMMAND_TARGET = /[\\/](resources|Resources)[\\/]cli[\\/]keyward(\.exe)?$/

/** A word for a POSIX shell, in single quotes. */
export const shellQuoted = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`

export class CommandInstaller {
  private readonly appCommand: string | null
  /** Where an AppImage's command is copied to. */
  private readonly copyFolder: string
  private readonly linkFolder: string
  private readonly linkPath: string
  /** What the link leads to: the app's command, or its copy when the app's folder will vanish. */
  private readonly linkTarget: string | null

  constructor(private readonly options: CommandInstallOptions) {
    const { platform, homeDirectory, commandFolder } = options
    this.appCommand =
      commandFolder === null ? null : join(commandFolder, platform === 'win32' ? 'keyward.exe' : 'keyward')
    this.copyFolder = join(homeDirectory, '.local/share/keyward/cli')
    this.linkFolder =
      platform === 'darwin' ? (options.systemBinFolder ?? '/usr/local/bin') : join(homeDirectory, '.local/bin')
    this.linkPath = join(this.linkFolder, 'keyward')
    this.linkTarget = options.fromAppImage ? join(this.copyFolder, 'keyward') : this.appCommand
  }

  status(): CommandStatus {
    const { platform, displayPath } = this.options
    const found = firstOnPath('keyward', this.options.pathVariable, platform)
    const firstOnPathShown = found ? displayPath(found.path) : null
    const foundIsOurs = found !== null && this.isThisAppsCommand(found.resolved)
    const base = {
      linkPath: displayPath(this.linkPath),
      firstOnPath: firstOnPathShown,
      shadowedBy: found && !foundIsOurs ? firstOnPathShown : null,
      linkFolderOnPath: this.folderOnPath(),
      pathAdvice: null,
      adminCommand: null,
      canInstall: false,
      canRemove: false,
    }
    if (!this.available()) {
      const message = 'This build of Keyward carries no keyward command (a package built with npm run dist does).'
      return { ...base, state: 'unavailable', message }
    }
    const link = this.atLink()
    if (foundIsOurs && link.kind !== 'ours') {
      return { ...base, state: 'by-package', message: `keyward on your PATH is this app's: ${firstOnPathShown}.` }
    }
    if (platform === 'win32') {
      const folder = displayPath(this.options.commandFolder!)
      const message = `The installer adds ${folder} to your PATH; reinstall Keyward if keyward is not found.`
      return { ...base, state: 'by-package', message }
    }
    return this.linkStatus(link, {
      ...base,
      pathAdvice:
        base.linkFolderOnPath || platform === 'darwin'
          ? null
          : `${displayPath(this.linkFolder)} is not on your PATH: add it, for example with the line export PATH="$HOME/.local/bin:$PATH" in ~/.profile, then log in again.`,
      adminCommand:
        platform === 'darwin' && link.kind !== 'foreign' && !canWriteFolder(this.linkFolder)
          ? `sudo mkdir -p ${shellQuoted(this.linkFolder)} && sudo ln -sfn ${shellQuoted(this.linkTarget!)} ${shellQuoted(this.linkPath)}`
          : null,
    })
  }

  install(): Outcome {
    const before = this.status()
    if (!before.canInstall) throw new KeywardError('io_error', before.message)
    const { displayPath, fromAppImage, commandFolder } = this.options
    if (before.adminCommand !== null) {
      throw new KeywardError(
        'io_error',
        `Linking ${displayPath(this.linkPath)} needs an administrator: run the command below in Terminal, then check again.`,
      )
    }
    if (fromAppImage) copyCommand(commandFolder!, this.copyFolder, displayPath)
    placeLink(this.linkTarget!, this.linkPath, () => this.atLink().kind !== 'foreign', displayPath)
    const copied = fromAppImage
      ? ` (a copy in ${displayPath(this.copyFolder)}: the AppImage's own folder goes away when it quits)`
      : ''
    const message = `Linked ${displayPath(this.linkPath)} to ${displayPath(this.linkTarget!)}${copied}.`
    return { status: this.status(), message }
  }

  remove(): Outcome {
    const { displayPath } = this.options
    const link = this.atLink()
    if (link.kind === 'foreign') throw new KeywardError('io_error', this.status().message)
    if (link.kind === 'none')
      return { status: this.status(), message: `There is no ${displayPath(this.linkPath)} to remove.` }
    try {
      rmSync(this.linkPath)
      if (dirname(link.target) === this.copyFolder) removeCopy(this.copyFolder)
    } catch (error) {
      throw new KeywardError(
        'io_error',
        `Could not remove ${displayPath(this.linkPath)}: ${whyWriteFailed(error, displayPath(this.linkFolder))}.`,
      )
    }
    return { status: this.status(), message: `Removed ${displayPath(this.linkPath)}.` }
  }

  /** The states that depend on what is at the link's path. */
  private linkStatus(link: AtLink, shown: Omit<CommandStatus, 'state' | 'message'>): CommandStatus {
    const { displayPath } = this.options
    const linkShown = displayPath(this.linkPath)
    if (link.kind === 'foreign') {
      const message = `${linkShown} is another program's ${link.what}, not a link Keyward made: Keyward leaves it. Remove or rename it to install the keyward command there.`
      return { ...shown, state: 'foreign', message }
    }
    if (link.kind === 'ours' && link.target === this.linkTarget && existsSync(this.linkTarget)) {
      // Nothing to link: no administrator's command to offer.
      const message = `${linkShown} leads to this app's keyward.`
      return { ...shown, state: 'installed', canRemove: true, adminCommand: null, message }
    }
    const message =
      link.kind === 'ours'
        ? `${linkShown} is Keyward's link from an earlier install (to ${displayPath(link.target)}); installing points it at this app.`
        : `Install links ${linkShown} to this app's keyward.`
    return { ...shown, state: 'not-installed', canInstall: true, canRemove: link.kind === 'ours', message }
  }

  private available(): boolean {
    try {
      return this.appCommand !== null && statSync(this.appCommand).isFile()
    } catch {
      return false
    }
  }

  private isThisAppsCommand(resolved: string): boolean {
    return [this.appCommand, this.linkTarget].some((own) => own !== null && resolvedPath(own) === resolved)
  }

  private atLink(): AtLink {
    let stats
    try {
      stats = lstatSync(this.linkPath)
    } catch {
      return { kind: 'none' }
    }
    if (!stats.isSymbolicLink()) return { kind: 'foreign', what: 'file' }
    const target = readlinkSync(this.linkPath)
    const ours =
      target === this.linkTarget || dirname(target) === this.copyFolder || KEYWARD_COMMAND_TARGET.test(target)
    return ours ? { kind: 'ours', target } : { kind: 'foreign', what: 'link' }
  }

  private folderOnPath(): boolean {
    const { platform, pathVariable } = this.options
    // macOS lists /usr/local/bin in /etc/paths, so every shell has it, though an app opened from the
    // Finder gets a shorter PATH.
    if (platform === 'darwin' && this.linkFolder === '/usr/local/bin') return true
    return (pathVariable ?? '')
      .split(platform === 'win32' ? ';' : ':')
      .some((folder) => folder !== '' && resolvedPath(folder) === resolvedPath(this.linkFolder))
  }
}

/** Whether this user may write in `folder`, or in its nearest existing parent when it is still to be made. */
const canWriteFolder = (folder: string): boolean => {
  let existing = folder
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing)
  try {
    accessSync(existing, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Puts a link at `linkPath` through a temporary name and a rename, checking just before that it may.
 * Messages show paths as `shown` writes them (~ for the home folder), as the successes do.
 */
const placeLink = (
  target: string,
  linkPath: string,
  mayReplace: () => boolean,
  shown: (path: string) => string,
): void => {
  const folder = dirname(linkPath)
  const temporary = join(folder, `.${basename(linkPath)}-${randomBytes(6).toString('hex')}`)
  try {
    mkdirSync(folder, { recursive: true, mode: 0o755 })
    symlinkSync(target, temporary)
    if (!mayReplace())
      throw new KeywardError('io_error', `${shown(linkPath)} was taken by another program meanwhile; Keyward left it.`)
    renameSync(temporary, linkPath)
  } catch (error) {
    removeLeftover(temporary)
    if (error instanceof KeywardError) throw error
    throw new KeywardError('io_error', `Could not link ${shown(linkPath)}: ${whyWriteFailed(error, shown(folder))}.`)
  }
}

/**
 * Removes a temporary file a failed step may have left. When there is none because its folder could
 * not be made (a file stands in the path: ENOTDIR), the step's own error is the one to tell.
 */
const removeLeftover = (path: string): void => {
  try {
    rmSync(path, { force: true })
  } catch {
    // Nothing was left there to remove.
  }
}

/** The command's files: the executable and its native parts. */
const commandFiles = (folder: string): string[] =>
  readdirSync(folder).filter((name) => name === 'keyward' || name.endsWith('.node'))

/** Copies keyward (0755) and its parts (0644), each under a temporary name renamed into place. */
const copyCommand = (from: string, to: string, shown: (path: string) => string): void => {
  try {
    mkdirSync(to, { recursive: true, mode: 0o755 })
    chmodSync(to, 0o755)
    for (const name of commandFiles(from)) {
      const temporary = join(to, `.${name}-${randomBytes(6).toString('hex')}`)
      copyFileSync(join(from, name), temporary)
      chmodSync(temporary, name === 'keyward' ? 0o755 : 0o644)
      renameSync(temporary, join(to, name))
    }
  } catch (error) {
    throw new KeywardError(
      'io_error',
      `Could not copy the keyward command to ${shown(to)}: ${whyWriteFailed(error, shown(to))}.`,
    )
  }
}

/** Removes the copy's own files, then its folder if nothing else is in it. */
const removeCopy = (folder: string): void => {
  for (const name of commandFiles(folder)) rmSync(join(folder, name))
  if (readdirSync(folder).length === 0) rmSync(folder, { recursive: true })
}
