// keyward backup [--keep N], keyward backup list, keyward restore BACKUP [--dry-run] [--force]:
// encrypted copies of the vault in the backups folder beside it, and putting one back. A restore
// says first which keys it brings back, removes or changes (names and version counts, never values).
import { lstatSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { InvalidArgumentError, Option, type Command } from 'commander'
import { KeywardError } from '../../common/errors'
import { countNoun } from '../../common/countNoun'
import {
  DEFAULT_BACKUPS_KEPT,
  MAX_BACKUPS_KEPT,
  backupVault,
  backupsFolderFor,
  listBackups,
  previewRestore,
  restoreBackup,
  type BackupInfo,
  type VaultRestorePreview,
  vaultExists,
} from '../../vault/index'
import type { CliContext } from '../context'
import { quoted } from '../keyDisplay'
import { choosePasswordSource, readMasterPassword } from '../passwordSource'
import { confirm } from '../prompt'
import { formatTable } from '../table'
import { missingVaultError, vaultPathFor, type GlobalOptions } from '../vaultAccess'

interface BackupOptions {
  keep?: number
}

interface RestoreCommandOptions {
  dryRun?: boolean
  force?: boolean
  yes?: boolean
}

/** Lines of one kind shown before "… and N more". */
const LINES_PER_KIND = 100

const parseKeep = (text: string): number => {
  const keep = Number(text)
  if (!/^\d+$/.test(text) || keep < 1 || keep > MAX_BACKUPS_KEPT) {
    throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_BACKUPS_KEPT}.`)
  }
  return keep
}

const exists = (path: string): boolean => {
  try {
    lstatSync(path)
    return true
  } catch {
    return false
  }
}

export const formatSize = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`

const formatTime = (iso: string): string => {
  const time = new Date(iso)
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** A backup named on the command line: a path, or a name from "keyward backup list". */
const resolveBackupPath = (argument: string, vaultPath: string, cwd: string): string => {
  const direct = resolve(cwd, argument)
  if (exists(direct) || /[\\/]/.test(argument)) return direct
  const inFolder = join(backupsFolderFor(vaultPath), argument)
  return exists(inFolder) ? inFolder : direct
}

const describeBackup = (backup: BackupInfo): string =>
  `${backup.name} (${backup.reason}, made ${formatTime(backup.createdAt)}${backup.schemaVersion === null ? '' : `, schema ${backup.schemaVersion}`})`

/** The vault as it is (or, once restored, as it was) before the restore. */
const describeCurrent = (preview: VaultRestorePreview, done: boolean): string => {
  const { current } = preview
  const before = done ? 'before the restore: ' : ''
  switch (current.state) {
    case 'missing':
      return `${preview.vaultPath} (${done ? 'there was no vault there' : 'no vault there yet'})`
    case 'readable':
      return `${preview.vaultPath} (${before}schema ${current.schemaVersion}, ${countNoun(current.keyCount, 'key')})`
    case 'unreadable':
      return `${preview.vaultPath} (${before}cannot be read: ${current.reason.replace(/\.$/, '')})`
  }
}

const keyLines = <Entry>(verb: string, entries: readonly Entry[], describe: (entry: Entry) => string): string[] => {
  const lines = entries.slice(0, LINES_PER_KIND).map((entry) => `  ${verb.padEnd(11)} ${describe(entry)}\n`)
  if (entries.length > LINES_PER_KIND) lines.push(`  ${''.padEnd(11)} … and ${entries.length - LINES_PER_KIND} more\n`)
  return lines
}

/** What the restore changes (or would), by key name and version count. */
export const formatRestorePreview = (preview: VaultRestorePreview, done: boolean): string => {
  const lines = [`Backup:  ${describeBackup(preview.backup)}\n`, `Vault:   ${describeCurrent(preview, done)}\n`]
  const changes = preview.added.length + preview.removed.length + preview.changed.length
  if (changes === 0) {
    lines.push(
      `${done ? 'The restore changed' : 'Restoring it would change'} no key (${countNoun(preview.unchanged, 'key')} the same).\n`,
    )
  } else {
    lines.push(done ? 'The restore:\n' : 'Restoring it would:\n')
    lines.push(
      ...keyLines(
        done ? 'brought back' : 'bring back',
        preview.added,
        (key) => `${quoted(key.name)} (${countNoun(key.versions, 'version')})`,
      ),
    )
    lines.push(
      ...keyLines(
        done ? 'removed' : 'remove',
        preview.removed,
        (key) => `${quoted(key.name)} (${countNoun(key.versions, 'version')})`,
      ),
    )
    lines.push(
      ...keyLines(done ? 'changed' : 'change', preview.changed, (key) => {
        const details = [
          key.currentName === null ? null : `called ${quoted(key.currentName)} now`,
          key.currentVersions === key.backupVersions
            ? null
            : `${countNoun(key.currentVersions, 'version')} now, ${key.backupVersions} in the backup`,
        ].filter((detail) => detail !== null)
        return `${quoted(key.name)}${details.length > 0 ? ` (${details.join('; ')})` : ' (edited since)'}`
      }),
    )
    if (preview.unchanged > 0)
      lines.push(
        `  ${(done ? 'kept' : 'keep').padEnd(11)} ${countNoun(preview.unchanged, 'other key')} as ${preview.unchanged === 1 ? 'it is' : 'they are'}\n`,
      )
  }
  if (preview.backupSchemaVersion < preview.latestSchemaVersion) {
    lines.push(
      `The backup's schema (${preview.backupSchemaVersion}) is updated to ${preview.latestSchemaVersion} the next time the vault is unlocked.\n`,
    )
  }
  lines.push(
    preview.passwordAfter === 'current'
      ? `${done ? 'The vault opens' : 'Afterwards the vault opens'} with its current master password.\n`
      : `${done ? 'The vault now opens' : 'Afterwards the vault opens'} with the backup's master password (the one it had when the backup was made).\n`,
  )
  return lines.join('')
}

const formatBackupList = (vaultPath: string, backups: readonly BackupInfo[]): string => {
  const table = formatTable(
    [
      { header: 'MADE', cell: (backup: BackupInfo) => formatTime(backup.createdAt) },
      { header: 'REASON', cell: (backup: BackupInfo) => backup.reason },
      {
        header: 'SCHEMA',
        cell: (backup: BackupInfo) =>
          backup.problem !== null ? 'damaged' : backup.schemaVersion === null ? '?' : String(backup.schemaVersion),
      },
      { header: 'SIZE', cell: (backup: BackupInfo) => formatSize(backup.sizeBytes) },
      { header: 'FILE', cell: (backup: BackupInfo) => backup.name },
    ],
    backups,
  )
  const problems = backups
    .filter((backup) => backup.problem !== null)
    .map((backup) => `${backup.name}: ${backup.problem}\n`)
  return `Backups of ${vaultPath} in ${backupsFolderFor(vaultPath)}, newest first:\n${table}${problems.join('')}`
}

export const registerBackup = (program: Command, context: CliContext): Command => {
  const { io } = context
  const backup = program
    .command('backup')
    .description('copy the vault, still encrypted, into the backups folder beside it')
    .addOption(
      new Option(
        '--keep <count>',
        `keep this vault's last COUNT backups, deleting older ones (default ${DEFAULT_BACKUPS_KEPT})`,
      ).argParser(parseKeep),
    )
    .addHelpText(
      'after',
      `
A backup is one file holding the encrypted database and the header that unlocks it: it opens with
the master password the vault has now, even after you change it. Keyward also backs up the vault
before it updates its format and before a restore.

Examples:
  keyward backup
  keyward backup --keep 30
  keyward backup list
  keyward restore vault.keyward.2026-05-01T10-00-00-000Z.manual.keyward-backup --dry-run
`,
    )
    .action(async (_options: object, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & BackupOptions>()
      const vaultPath = vaultPathFor(options, context)
      if (!vaultExists(vaultPath)) throw missingVaultError(vaultPath)
      const password = await readMasterPassword(choosePasswordSource(options, context), context)
      const made = await backupVault(vaultPath, password, {
        now: new Date(context.clock.now()),
        clock: context.clock,
        keep: options.keep,
      })
      io.stdout.write(
        `Backed up the vault to ${made.path} (${formatSize(made.sizeBytes)}).\n` +
          'It stays encrypted, and opens with the master password the vault has now.\n',
      )
      if (made.removed.length > 0) {
        io.stdout.write(
          `Removed ${countNoun(made.removed.length, 'older backup')} (keeping the last ${options.keep ?? DEFAULT_BACKUPS_KEPT}).\n`,
        )
      }
    })
  registerBackupList(backup, context)
  registerRestore(program, context)
  return backup
}

const registerBackupList = (backup: Command, context: CliContext): void => {
  const { io } = context
  backup
    .command('list')
    .description("list the vault's backups (no password needed)")
    .option(
      '--json',
      'print a JSON array (path, name, createdAt, reason, sizeBytes, schemaVersion, vaultId, consistent, problem)',
    )
    .action((_options: object, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>()
      const vaultPath = vaultPathFor(options, context)
      const backups = listBackups(vaultPath)
      if (options.json) {
        io.stdout.write(`${JSON.stringify(backups, null, 2)}\n`)
        return
      }
      io.stdout.write(
        backups.length === 0
          ? `No backups of ${vaultPath} yet. Make one with: keyward backup\n`
          : formatBackupList(vaultPath, backups),
      )
    })
}

const registerRestore = (program: Command, context: CliContext): void => {
  const { io } = context
  program
    .command('restore')
    .description('put a backup back in place of the vault (the vault as it was is backed up first)')
    .argument('<backup>', 'the backup file, or its name as "keyward backup list" shows it')
    .option('--dry-run', 'show which keys the restore would bring back, remove or change, and change nothing')
    .option('--force', 'restore a backup of another vault, or over a vault this password cannot open')
    .option('-y, --yes', 'restore without asking (needed when there is no terminal to ask)')
    .addHelpText(
      'after',
      `
The master password is the one the vault had when the backup was made. The vault keeps its current
password when that same password opens it; otherwise the restore needs --force and the vault then
opens with the backup's password. Either way the vault as it was goes into the backups folder first
("before-restore"), so a restore can be undone by restoring that. On a terminal it shows what the
restore changes and asks first; off one it needs --yes.

Examples:
  keyward restore vault.keyward.2026-05-01T10-00-00-000Z.manual.keyward-backup --dry-run
  keyward restore ~/safe/vault.keyward.2026-05-01T10-00-00-000Z.manual.keyward-backup
  keyward restore vault.keyward.2026-05-01T10-00-00-000Z.manual.keyward-backup --yes --password-file ~/.keyward-password
`,
    )
    .action(async (backupArgument: string, _options: object, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & RestoreCommandOptions>()
      const vaultPath = vaultPathFor(options, context)
      const backupPath = resolveBackupPath(backupArgument, vaultPath, io.cwd)
      // Say the backup is missing before asking for a password that could not open anything.
      if (!exists(backupPath)) {
        throw new KeywardError(
          'not_found',
          `There is no backup at ${backupPath}. List the backups with "keyward backup list".`,
        )
      }
      // Replacing the vault is asked about, as import is; said before a password is asked for.
      const terminal = options.dryRun || options.yes ? undefined : context.terminal()
      if (!options.dryRun && !options.yes && !terminal) {
        throw new KeywardError(
          'invalid_argument',
          'Nothing was changed: there is no terminal to confirm the restore on. Add --yes to restore without asking (--dry-run shows what it would change).',
        )
      }
      const password = await readMasterPassword(choosePasswordSource(options, context), context)
      if (terminal) {
        const preview = await previewRestore(vaultPath, backupPath, password, { clock: context.clock })
        io.stdout.write(formatRestorePreview(preview, false))
        // A restore that needs --force and lacks it is refused below, with the reason: no question first.
        if (preview.needsForce === null || options.force) {
          if (!(await confirm(terminal, `Replace the vault at ${vaultPath} with this backup?`))) {
            io.stdout.write('Nothing was changed.\n')
            return
          }
        }
      }
      if (options.dryRun) {
        const preview = await previewRestore(vaultPath, backupPath, password, { clock: context.clock })
        io.stdout.write(formatRestorePreview(preview, false))
        if (preview.needsForce !== null) io.stdout.write(`This restore needs --force: ${preview.needsForce}\n`)
        io.stdout.write('Dry run: nothing was changed.\n')
        return
      }
      const restored = await restoreBackup(vaultPath, backupPath, password, {
        force: Boolean(options.force),
        now: new Date(context.clock.now()),
        clock: context.clock,
      })
      io.stdout.write(`Restored ${vaultPath} from ${restored.preview.backup.name}.\n`)
      io.stdout.write(formatRestorePreview(restored.preview, true))
      if (restored.safetyBackup !== null) {
        io.stdout.write(`The vault as it was is in ${restored.safetyBackup.path}; restore that to undo.\n`)
      }
    })
    .showHelpAfterError('(run "keyward restore --help" for usage and examples)')
}
