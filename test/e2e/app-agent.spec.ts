// The open app as the agent, end to end: the built keyward (out/main/cli.js) against the built main
// entry under the Electron stand-in, whose message box main shows for a command's values. A masked
// list without a prompt; Allow once; Deny; "Allow this terminal" reused in that terminal and not from
// another session; the app locked: the command asks for the password. Runs in the 'standin' project.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fakeKeys } from '../support/fakeKeys'
import { TerminalSession } from '../support/terminalSession'
import { CLI_COMMAND, assertCliBuilt, cliEnvironment, runBuiltCli } from '../integration/cli/builtCli'
import { expect, test } from './fixtures'
import { addKey, answerConfirmationWithPageToken, createVault } from './steps'
import { showSettings } from './testSteps'

const clipiaLive = fakeKeys.clipiaLive()
const TERMINAL = 'Allow this terminal for 10 minutes'

/**
 * A project folder for the built command, and its environment: the app's vault, and the app's own
 * runtime folders, which decide where its socket is, so the command looks in the same place.
 */
const commandBesideApp = (directory: string) => {
  const shop = join(directory, 'shop')
  mkdirSync(shop, { recursive: true })
  const inherited = Object.fromEntries(
    ['XDG_RUNTIME_DIR', 'TMPDIR'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  )
  const env = cliEnvironment(join(directory, 'cli-home'), {
    ...inherited,
    KEYWARD_VAULT: join(directory, '.config', 'Keyward', 'vault.keyward'),
  })
  return { shop, env }
}

test("keyward asks the open app: lists without a prompt, values only as main's message box allows", async ({
  page,
  keyward,
  keywardMode,
}) => {
  test.skip(keywardMode !== 'standin', 'this runs the main entry, whose message box only the stand-in answers')
  assertCliBuilt()
  await createVault(page)
  await addKey(page, { value: clipiaLive, name: 'Clipia prod' })
  const standin = keyward.standin!
  const { shop, env } = commandBesideApp(keyward.directory)
  const run = (args: string[]) => runBuiltCli(args, { cwd: shop, env })
  const shown = async () => (await standin.state()).messageBoxesShown
  const read = ['read', 'keyward://Clipia prod']

  const listed = await run(['list'])
  expect(listed.stderr).toBe('')
  expect(listed.stdout).toContain('Clipia prod')
  expect(listed.stdout).not.toContain(clipiaLive)
  expect(await shown()).toEqual([])

  await standin.answerNextMessageBox('Allow once')
  expect(await run(read)).toMatchObject({ exitCode: 0, stdout: `${clipiaLive}\n` })
  const state = await standin.state()
  expect(state.messageBoxesShown).toEqual([
    expect.objectContaining({
      title: 'Allow a command to use keys?',
      message: 'keyward read in ~/shop wants Clipia prod',
      detail: expect.stringMatching(/Asked by pid \d+: .*cli\.js read keyward:\/\/Clipia prod/),
      buttons: ['Deny', 'Allow once', TERMINAL],
      defaultId: 0,
      cancelId: 0,
      answered: 'Allow once',
      parentWindowId: state.windows[0]!.id,
    }),
  ])

  // Escape (Deny, the default): an error, nothing printed, and no password asked for instead.
  await standin.answerNextMessageBox(null)
  const denied = await run(read)
  expect(denied).toEqual({
    exitCode: 1,
    stdout: '',
    stderr: 'keyward: The Keyward app denied keyward read in ~/shop; nothing was given.\n',
  })

  // Allowed for a terminal: that terminal's next command is not asked; another session is.
  const terminal = new TerminalSession()
  try {
    await standin.answerNextMessageBox(TERMINAL)
    const inTerminal = () => terminal.run([...CLI_COMMAND, ...read], { cwd: shop, env })
    expect(await inTerminal()).toMatchObject({ exitCode: 0, stdout: `${clipiaLive}\n` })
    expect(await inTerminal()).toMatchObject({ exitCode: 0, stdout: `${clipiaLive}\n` })
    expect(await shown()).toHaveLength(3)
    await standin.answerNextMessageBox(null)
    expect(await run(read)).toMatchObject({ exitCode: 1, stdout: '' })
    expect((await shown()).map((box) => box.answered)).toEqual(['Allow once', 'Deny', TERMINAL, 'Deny'])
  } finally {
    terminal.close()
  }

  // The app locked: it answers nothing more, and the command asks for the password (none here).
  await page.getByRole('button', { name: 'Lock' }).click()
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  const locked = await run(['list'])
  expect(locked.exitCode).toBe(1)
  expect(locked.stdout).toBe('')
  expect(locked.stderr).toMatch(/^keyward: There is no terminal to ask for the master password\./)
  expect(await shown()).toHaveLength(4)
})

test("the machine going to sleep with main's prompt open closes it and locks: the command asks for the password", async ({
  page,
  keyward,
  keywardMode,
}) => {
  test.skip(keywardMode !== 'standin', 'this runs the main entry, whose message box only the stand-in holds open')
  assertCliBuilt()
  await createVault(page)
  await addKey(page, { value: clipiaLive, name: 'Clipia prod' })
  const standin = keyward.standin!
  const inherited = Object.fromEntries(
    ['XDG_RUNTIME_DIR', 'TMPDIR'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  )
  const env = cliEnvironment(join(keyward.directory, 'cli-home'), {
    ...inherited,
    KEYWARD_VAULT: join(keyward.directory, '.config', 'Keyward', 'vault.keyward'),
  })
  await standin.holdNextMessageBox()
  const reading = runBuiltCli(['read', 'keyward://Clipia prod'], { cwd: keyward.directory, env })
  await expect.poll(async () => (await standin.state()).messageBoxesShown.length, { timeout: 20_000 }).toBe(1)
  await standin.emitPowerEvent('suspend')
  const read = await reading
  expect(read.exitCode).toBe(1)
  expect(read.stdout).toBe('')
  expect(read.stderr).toContain('The Keyward app locked while it asked; nothing was given.')
  expect(read.stderr).toContain('There is no terminal to ask for the master password.')
  // Main closed its own box: answered as cancelled (Deny), by nobody.
  expect((await standin.state()).messageBoxesShown.map((box) => box.answered)).toEqual(['Deny'])
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
})

test("a compromised page cannot answer the prompt for a command's values: its token is refused", async ({
  page,
  keyward,
  keywardMode,
}) => {
  test.skip(keywardMode !== 'harness', 'the harness is where the page holds a token of its own')
  assertCliBuilt()
  await createVault(page)
  await addKey(page, { value: clipiaLive, name: 'Clipia prod' })
  const { shop, env } = commandBesideApp(keyward.directory)
  // The page tries to queue "Allow once" with the one token it has, under both headers.
  expect(await answerConfirmationWithPageToken(page, { command: 'once' })).toBe(403)
  // Nothing was queued: the prompt is denied, and the command gets nothing.
  const read = await runBuiltCli(['read', 'keyward://Clipia prod'], { cwd: shop, env })
  expect(read).toEqual({
    exitCode: 1,
    stdout: '',
    stderr: 'keyward: The Keyward app denied keyward read in ~/shop; nothing was given.\n',
  })
  // The refusal is in the vault's activity, as the command line's request through the app.
  await showSettings(page, 'Activity')
  const activity = page.getByRole('table', { name: 'Activity' })
  const refusal = activity.getByRole('row').filter({ hasText: 'values refused to a command' })
  await expect(refusal).toContainText('command line (through the app)')
  await expect(refusal).toContainText('keyward read in ~/shop')
  await refusal.scrollIntoViewIfNeeded()
  await keyward.screenshot('activity-cli-via-app')
})
