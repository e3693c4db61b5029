// keyward hook install|uninstall [PATH]: a git pre-commit hook that runs `keyward scan --staged-only
// --fail-on live` and, when it blocks a commit, says how to go on. Another tool's hook is never
// replaced without --force, and never removed.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { KeywardError } from '../../common/errors'
import type { CliContext } from '../context'

/** The line that marks a hook as Keyward's own. */
export const HOOK_MARKER = '# keyward-pre-commit-hook v2'
/** Every version's marker starts so: an older Keyward's hook is still Keyward's own to replace or remove. */
const HOOK_MARKER_PREFIX = '# keyward-pre-commit-hook v'

export const preCommitHookScript = (): string => `#!/bin/sh
${HOOK_MARKER}
# Installed by "keyward hook install"; remove it with "keyward hook uninstall".
# Blocks a commit that would add a live key. Uses the vault's own values too while it is unlocked
# (keyward unlock); otherwise the rules only. It never asks for a password or reads a password file.
keyward scan --staged-only --fail-on live --vault-if-unlocked
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

const hookPathFor = (folder: string): string => {
  let hooks: string
  try {
    hooks = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-path', 'hooks'], {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !existsSync(folder)) throw new KeywardError('not_found', `There is no folder at ${folder}.`)
    if (code === 'ENOENT') throw new KeywardError('io_error', 'git was not found on PATH; the hook needs git.')
    throw new KeywardError('invalid_argument', `${folder} is not in a git repository, so there is no commit to guard.`)
  }
  return join(resolve(folder, hooks), 'pre-commit')
}

const isKeywardHook = (path: string): boolean => readFileSync(path, 'utf8').includes(HOOK_MARKER_PREFIX)

export const registerHook = (program: Command, context: CliContext): Command => {
  const hook = program
    .command('hook')
    .description('install or remove the git pre-commit hook that blocks commits of live keys')
    .addHelpText(
      'after',
      `
Examples:
  keyward hook install
  keyward hook install ~/code/app --force
  keyward hook uninstall
`,
    )
  hook
    .command('install')
    .description('write .git/hooks/pre-commit to run "keyward scan --staged-only --fail-on live --vault-if-unlocked"')
    .argument('[path]', 'a folder in the repository (default: the current folder)')
    .option('--force', "replace an existing pre-commit hook that is not Keyward's")
    .action((path: string | undefined, options: { force?: boolean }) => {
      const folder = resolve(context.io.cwd, path ?? '.')
      if (!existsSync(folder)) throw new KeywardError('not_found', `There is no folder at ${folder}.`)
      const hookPath = hookPathFor(folder)
      const existed = existsSync(hookPath)
      if (existed && !isKeywardHook(hookPath) && !options.force) {
        throw new KeywardError(
          'io_error',
          `${hookPath} already exists and is not Keyward's. Add --force to replace it, or call "keyward scan --staged-only --fail-on live" from it yourself.`,
        )
      }
      mkdirSync(join(hookPath, '..'), { recursive: true })
      writeFileSync(hookPath, preCommitHookScript(), { mode: 0o755 })
      chmodSync(hookPath, 0o755)
      context.io.stdout.write(
        `${existed ? 'Replaced' : 'Installed'} the pre-commit hook at ${hookPath}: commits that add a live key are stopped.\n`,
      )
    })
  hook
    .command('uninstall')
    .description("remove Keyward's pre-commit hook (never another tool's)")
    .argument('[path]', 'a folder in the repository (default: the current folder)')
    .action((path: string | undefined) => {
      const folder = resolve(context.io.cwd, path ?? '.')
      if (!existsSync(folder)) throw new KeywardError('not_found', `There is no folder at ${folder}.`)
      const hookPath = hookPathFor(folder)
      if (!existsSync(hookPath)) {
        context.io.stdout.write('There is no pre-commit hook to remove.\n')
        return
      }
      if (!isKeywardHook(hookPath)) {
        throw new KeywardError('io_error', `${hookPath} is not Keyward's hook; it was left as it is.`)
      }
      unlinkSync(hookPath)
      context.io.stdout.write(`Removed the pre-commit hook at ${hookPath}.\n`)
    })
  return hook
}
