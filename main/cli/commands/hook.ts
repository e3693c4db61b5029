// keyward hook install|uninstall [PATH]: a git pre-commit hook that runs `keyward scan --staged-only
// --fail-on high` and, when it blocks a commit, says how to go on. Another tool's hook is never
// replaced without --force, and never removed.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { KeywardError } from '../../common/errors'
import type { CliContext } from '../context'

/** The line that marks a hook as Keyward's own. */
export const HOOK_MARKER = '# keyward-pre-commit-hook v1'

export const preCommitHookScript = (): string => `#!/bin/sh
${HOOK_MARKER}
# Installed by "keyward hook install"; remove it with "keyward hook uninstall".
# Blocks a commit that would add a high-severity secret (any service's key, token or private key). Uses the vault's values too when both KEYWARD_VAULT and
# KEYWARD_PASSWORD_FILE are set; otherwise the rules only.
if [ -n "$KEYWARD_VAULT" ] && [ -n "$KEYWARD_PASSWORD_FILE" ]; then
  keyward scan --staged-only --fail-on high
else
  keyward scan --staged-only --fail-on high --no-vault
fi
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

const isKeywardHook = (path: string): boolean => readFileSync(path, 'utf8').includes(HOOK_MARKER)

export const registerHook = (program: Command, context: CliContext): Command => {
  const hook = program
    .command('hook')
    .description('install or remove the git pre-commit hook that blocks commits of secrets (keys, tokens, private keys)')
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
    .description('write .git/hooks/pre-commit to run "keyward scan --staged-only --fail-on high"')
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
          `${hookPath} already exists and is not Keyward's. Add --force to replace it, or call "keyward scan --staged-only --fail-on high" from it yourself.`,
        )
      }
      mkdirSync(join(hookPath, '..'), { recursive: true })
      writeFileSync(hookPath, preCommitHookScript(), { mode: 0o755 })
      chmodSync(hookPath, 0o755)
      context.io.stdout.write(
        `${existed ? 'Replaced' : 'Installed'} the pre-commit hook at ${hookPath}: commits that add a secret of high severity are stopped.\n`,
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
