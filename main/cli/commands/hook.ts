// keyward hook install|uninstall [PATH]: a git pre-commit hook that runs `keyward scan --staged-only
// --fail-on high` and, when it blocks a commit, says how to go on. Only the repository's own
// .git/hooks/pre-commit is written, never through a link and never into another core.hooksPath;
// another tool's hook is replaced only with --force (kept as a backup), and never removed.
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { KeywardError } from '../../common/errors'
import { runGit } from '../../scanner/index'
import type { CliContext } from '../context'

/** The line that marks a hook as Keyward's own. */
export const HOOK_MARKER = '# keyward-pre-commit-hook v2'
/** Every version's marker starts so: an older Keyward's hook is still Keyward's own to replace or remove. */
const HOOK_MARKER_PREFIX = '# keyward-pre-commit-hook v'

export const preCommitHookScript = (): string => `#!/bin/sh
${HOOK_MARKER}
# Installed by "keyward hook install"; remove it with "keyward hook uninstall".
# Blocks a commit that would add a high-severity secret (any service's key, token or private key).
# Uses the vault's own values too while it is unlocked (keyward unlock); otherwise the rules only.
# It never asks for a password or reads a password file.
keyward scan --staged-only --fail-on high --vault-if-unlocked
status=$?
if [ "$status" -eq 127 ]; then
  echo "keyward pre-commit hook: the keyward command was not found on PATH; the commit was stopped." >&2
  echo "Install keyward, or commit once with: git commit --no-verify" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  cat >&2 <<'EOF'

keyward: the commit was stopped (see above). When it found a key you meant to commit:
  - Remove the key from the staged file (read it from the environment or a git-ignored .env instead),
    then stage the file again: git add FILE
  - If the line is not a secret, add a comment holding keyward:allow on it, and stage it again.
  - For a false positive you cannot mark, commit anyway with: git commit --no-verify
If the key was ever pushed or shared, rotate it: a removed key is still in history.
EOF
  exit 1
fi
exit 0
`

/** What the user can run from a hook manager of their own instead. */
const HOOK_COMMAND = 'keyward scan --staged-only --fail-on high --vault-if-unlocked'

interface HookLocation {
  /** The repository's git directory (the main one's for a linked work tree). */
  gitDirectory: string
  hooksDirectory: string
  hookPath: string
}

const lines = (text: string): string[] => text.split('\n').map((line) => line.trim())

/**
 * Where the repository's own hooks are: `<git directory>/hooks`, as `git rev-parse --git-path hooks`
 * says when no core.hooksPath (the repository's, the user's or the system's) sends git elsewhere.
 * With `refuseHooksPath`, a core.hooksPath elsewhere is refused with what to do instead.
 */
const locateHook = async (folder: string, refuseHooksPath: boolean): Promise<HookLocation> => {
  if (!existsSync(folder)) throw new KeywardError('not_found', `There is no folder at ${folder}.`)
  const result = await runGit(
    ['rev-parse', '--path-format=absolute', '--git-common-dir', '--git-path', 'hooks'],
    folder,
    { hookLookup: true },
  )
  if (result.code === -1) throw new KeywardError('io_error', 'git was not found on PATH; the hook needs git.')
  const [gitDirectory = '', hooks = ''] = lines(result.stdout.toString('utf8'))
  if (result.code !== 0 || !gitDirectory || !hooks) {
    throw new KeywardError('invalid_argument', `${folder} is not in a git repository, so there is no commit to guard.`)
  }
  const hooksDirectory = join(gitDirectory, 'hooks')
  if (refuseHooksPath && resolve(hooks) !== hooksDirectory) {
    const origin = await runGit(['config', '--show-origin', '--get', 'core.hooksPath'], folder, { hookLookup: true })
    const [where = '', value = ''] = origin.stdout.toString('utf8').trim().split('\t')
    if (value) {
      throw new KeywardError(
        'invalid_argument',
        `core.hooksPath is set to ${value}${where ? ` (${where})` : ''}, so git runs the hooks there, not in ${hooksDirectory}. ` +
          `Keyward writes only ${join(hooksDirectory, 'pre-commit')} and leaves another hooks folder to whatever manages it: ` +
          `add "${HOOK_COMMAND}" to that hook manager's pre-commit instead, or unset core.hooksPath and run keyward hook install again.`,
      )
    }
    // Without core.hooksPath, only a link makes git's answer differ: the link is refused where it is found.
    if (!lstatOrNull(hooksDirectory)?.isSymbolicLink()) {
      throw new KeywardError(
        'invalid_argument',
        `git puts this repository's hooks at ${hooks}, outside its git directory ${gitDirectory}; nothing was written.`,
      )
    }
  }
  return { gitDirectory, hooksDirectory, hookPath: join(hooksDirectory, 'pre-commit') }
}

const lstatOrNull = (path: string): Stats | null => {
  try {
    return lstatSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

const linkTarget = (path: string): string => {
  try {
    return readlinkSync(path)
  } catch {
    return 'somewhere'
  }
}

/** The hooks folder, made when missing; refused when it is a link or not a folder. */
const ensureHooksDirectory = (location: HookLocation): void => {
  const stats = lstatOrNull(location.hooksDirectory)
  if (stats === null) {
    mkdirSync(location.hooksDirectory, { mode: 0o755 })
    return
  }
  if (stats.isSymbolicLink()) {
    throw new KeywardError(
      'invalid_argument',
      `${location.hooksDirectory} is a symbolic link (to ${linkTarget(location.hooksDirectory)}); Keyward never writes a hook through a link. Make it a folder of the repository, or add "${HOOK_COMMAND}" to the hook it leads to.`,
    )
  }
  if (!stats.isDirectory())
    throw new KeywardError('invalid_argument', `${location.hooksDirectory} is not a folder; the hook was not written.`)
}

/** The hook file as it is: missing, or a regular file with whether it is Keyward's; a link or anything else is refused. */
const existingHook = (hookPath: string, action: string): { ours: boolean } | null => {
  const stats = lstatOrNull(hookPath)
  if (stats === null) return null
  if (stats.isSymbolicLink()) {
    throw new KeywardError(
      'invalid_argument',
      `${hookPath} is a symbolic link (to ${linkTarget(hookPath)}); Keyward never ${action} through a link, and left it as it is. Remove the link yourself, or add "${HOOK_COMMAND}" to the hook it leads to.`,
    )
  }
  if (!stats.isFile()) throw new KeywardError('invalid_argument', `${hookPath} is not a file; it was left as it is.`)
  // Read through no link, and no further than a script needs to be read to find the marker.
  const descriptor = openSync(hookPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  try {
    const head = Buffer.alloc(64 * 1024)
    const length = readSync(descriptor, head, 0, head.length, 0)
    return { ours: head.subarray(0, length).toString('utf8').includes(HOOK_MARKER_PREFIX) }
  } finally {
    closeSync(descriptor)
  }
}

/** Writes the hook as a new file beside it and renames it into place: no existing file is written into or changed. */
const writeHook = (hookPath: string): void => {
  const temporary = `${hookPath}.keyward-${randomBytes(6).toString('hex')}`
  const descriptor = openSync(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o755,
  )
  try {
    writeSync(descriptor, preCommitHookScript())
    // Our own new file: executable whatever the umask.
    fchmodSync(descriptor, 0o755)
  } catch (error) {
    closeSync(descriptor)
    unlinkSync(temporary)
    throw error
  }
  closeSync(descriptor)
  try {
    renameSync(temporary, hookPath)
  } catch (error) {
    unlinkSync(temporary)
    throw error
  }
}

/** Keeps another tool's hook under a new name (a second name for the same file: its content and mode stay). */
const backUpHook = (hookPath: string): string => {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  for (let attempt = 0; ; attempt++) {
    const backup = `${hookPath}.keyward-backup-${stamp}${attempt === 0 ? '' : `-${attempt}`}`
    try {
      linkSync(hookPath, backup)
      return backup
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 20) throw error
    }
  }
}

export const registerHook = (program: Command, context: CliContext): Command => {
  const hook = program
    .command('hook')
    .description(
      'install or remove the git pre-commit hook that blocks commits of secrets (keys, tokens, private keys)',
    )
    .addHelpText(
      'after',
      `
Only the repository's own .git/hooks/pre-commit is written, never through a link. With core.hooksPath
set (a hook manager), nothing is written: add "${HOOK_COMMAND}" to that manager's pre-commit.

Examples:
  keyward hook install
  keyward hook install ~/code/app --force
  keyward hook uninstall
`,
    )
  hook
    .command('install')
    .description(`write .git/hooks/pre-commit to run "${HOOK_COMMAND}"`)
    .argument('[path]', 'a folder in the repository (default: the current folder)')
    .option(
      '--force',
      "replace an existing pre-commit hook that is not Keyward's (it is kept as pre-commit.keyward-backup-TIME)",
    )
    .action(async (path: string | undefined, options: { force?: boolean }) => {
      const location = await locateHook(resolve(context.io.cwd, path ?? '.'), true)
      const { hookPath } = location
      ensureHooksDirectory(location)
      const existing = existingHook(hookPath, 'writes')
      if (existing && !existing.ours && !options.force) {
        throw new KeywardError(
          'io_error',
          `${hookPath} already exists and is not Keyward's. Add --force to replace it (it is kept as a backup beside it), or call "${HOOK_COMMAND}" from it yourself.`,
        )
      }
      const backup = existing && !existing.ours ? backUpHook(hookPath) : null
      writeHook(hookPath)
      context.io.stdout.write(
        `${existing ? 'Replaced' : 'Installed'} the pre-commit hook at ${hookPath}: commits that add a secret of high severity are stopped.\n` +
          (backup ? `The hook that was there is kept at ${backup}; it no longer runs.\n` : ''),
      )
    })
  hook
    .command('uninstall')
    .description("remove Keyward's pre-commit hook (never another tool's)")
    .argument('[path]', 'a folder in the repository (default: the current folder)')
    .action(async (path: string | undefined) => {
      const location = await locateHook(resolve(context.io.cwd, path ?? '.'), false)
      const { hookPath, hooksDirectory } = location
      const directory = lstatOrNull(hooksDirectory)
      if (directory?.isSymbolicLink()) {
        throw new KeywardError(
          'invalid_argument',
          `${hooksDirectory} is a symbolic link (to ${linkTarget(hooksDirectory)}); Keyward removes nothing through a link.`,
        )
      }
      const existing = directory ? existingHook(hookPath, 'removes a hook') : null
      if (!existing) {
        context.io.stdout.write('There is no pre-commit hook to remove.\n')
        return
      }
      if (!existing.ours) throw new KeywardError('io_error', `${hookPath} is not Keyward's hook; it was left as it is.`)
      unlinkSync(hookPath)
      const backups = readdirSync(hooksDirectory).filter((name) => name.startsWith('pre-commit.keyward-backup-'))
      context.io.stdout.write(
        `Removed the pre-commit hook at ${hookPath}.\n` +
          (backups.length > 0
            ? `An earlier hook is kept at ${join(hooksDirectory, backups.sort().at(-1)!)}; rename it to pre-commit to use it again.\n`
            : ''),
      )
    })
  return hook
}
