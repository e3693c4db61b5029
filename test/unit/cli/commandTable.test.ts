// Which commands a command line loads (main/cli/commandTable.ts): the one it names, past the
// program's own options and their values; every command for usage, `help` alone, or a word it does
// not know (so that a typo still gets "did you mean").
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { loadCommandsFor } from '../../../main/cli/commandTable'
import { createCliContext } from '../../../main/cli/context'
import { fakeIo } from './fakeCliIo'

const registered = async (argv: string[]): Promise<string[]> => {
  const program = new Command('keyward')
  const context = createCliContext(fakeIo({ cwd: '/' }))
  for (const register of await loadCommandsFor(argv)) register(program, context)
  return program.commands.map((command) => command.name())
}

describe('the commands a command line loads', () => {
  it.each([
    [['list'], ['list']],
    [['ls', '--json'], ['list']],
    [['--vault', 'list', 'run', '--', 'true'], ['run']],
    [['--password-file', 'run', 'list'], ['list']],
    [['--password-stdin', 'unlock'], ['unlock']],
    [['help', 'run'], ['run']],
    [['list', '--help'], ['list']],
  ])('%j loads %j only', async (argv, names) => {
    expect(await registered(argv)).toEqual(names)
  })

  it.each([[[]], [['--help']], [['-h', 'list']], [['help']], [['lsit']], [['--', 'list']]])(
    '%j loads every command',
    async (argv) => {
      const names = await registered(argv)
      expect(names.slice(0, 5)).toEqual(['init', 'unlock', 'lock', 'agent', 'list'])
      expect(names).toEqual(expect.arrayContaining(['add', 'import', 'export', 'test', 'due', 'scan', 'hook']))
      expect(names).toEqual(expect.arrayContaining(['run', 'inject', 'read', 'backup', 'providers', 'edit']))
    },
  )
})
