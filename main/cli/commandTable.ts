// Every `keyward` command by name, each loaded only when a command line names it: `keyward list`
// through the agent then loads list's modules, not the vault's, the scanner's or every command's
// option parsing. A line that names no known command (help, a typo) loads them all, so that usage
// lists every command and a typo gets its "did you mean".
import type { Command } from 'commander'
import type { CliContext } from './context'

/** Adds one command to the program. A new command is a module exporting one of these, and a row below. */
export type RegisterCommand = (program: Command, context: CliContext) => Command

interface CommandRow {
  /** The command's name and aliases, as commander knows them. */
  names: readonly string[]
  load: () => Promise<RegisterCommand>
}

/** In the order usage lists them. */
const COMMANDS: readonly CommandRow[] = [
  { names: ['init'], load: async () => (await import('./commands/init')).registerInit },
  { names: ['unlock'], load: async () => (await import('./commands/agent')).registerUnlock },
  { names: ['lock'], load: async () => (await import('./commands/agent')).registerLock },
  { names: ['agent'], load: async () => (await import('./commands/agent')).registerAgent },
  { names: ['list', 'ls'], load: async () => (await import('./commands/list')).registerList },
  { names: ['add'], load: async () => (await import('./commands/add')).registerAdd },
  { names: ['edit'], load: async () => (await import('./commands/edit')).registerEdit },
  { names: ['import'], load: async () => (await import('./commands/import')).registerImport },
  { names: ['export'], load: async () => (await import('./commands/export')).registerExport },
  { names: ['test'], load: async () => (await import('./commands/test')).registerTest },
  { names: ['due'], load: async () => (await import('./commands/due')).registerDue },
  { names: ['providers'], load: async () => (await import('./commands/providers')).registerProviders },
  { names: ['scan'], load: async () => (await import('./commands/scan')).registerScan },
  { names: ['hook'], load: async () => (await import('./commands/hook')).registerHook },
  { names: ['run'], load: async () => (await import('./commands/run')).registerRun },
  { names: ['inject'], load: async () => (await import('./commands/inject')).registerInject },
  { names: ['read'], load: async () => (await import('./commands/read')).registerRead },
  { names: ['backup'], load: async () => (await import('./commands/backup')).registerBackup },
]

/** The program's own options that take a value: the word after them is that value, not a command. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--vault', '--password-file'])

/**
 * The first word of the line that is not one of the program's own options (or their values);
 * undefined when there is none, or when the program's usage is asked for before it.
 */
const commandWord = (argv: readonly string[]): string | undefined => {
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index]!
    if (word === '--' || word === '-h' || word === '--help') return undefined
    if (!word.startsWith('-')) return word
    if (GLOBAL_OPTIONS_WITH_VALUE.has(word)) index += 1
  }
  return undefined
}

const rowNamed = (name: string | undefined): CommandRow | undefined =>
  name === undefined ? undefined : COMMANDS.find((row) => row.names.includes(name))

/**
 * The commands a command line needs registered: the one it names (`keyward help list` names list),
 * else all of them.
 */
export const loadCommandsFor = async (argv: readonly string[]): Promise<RegisterCommand[]> => {
  const word = commandWord(argv)
  const named = word === 'help' ? rowNamed(commandWord(argv.slice(argv.indexOf('help') + 1))) : rowNamed(word)
  return Promise.all((named ? [named] : COMMANDS).map((row) => row.load()))
}
