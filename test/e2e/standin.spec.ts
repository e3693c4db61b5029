// What only the app's own start-up (main/app/main.ts, built to out/main/index.js) does, run end to end
// under the Electron stand-in: the window it opens, the guards it wires on the page and the session,
// ipcMain's sender check, the single-instance hand-over, main's message box before keys go to a new
// host, power and notification events, and quitting (which clears the clipboard). Runs in the 'standin' project only (playwright.config.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { startStandinApp } from './standinProcess'
import { dayFrom } from './rotationSteps'
import { addKey, createVault, detailPane, keyRow, unlockVault } from './steps'
import { openAirclouWithKey, openProviderRow, providerRow, saveBaseUrl, showSettings } from './testSteps'

test.beforeEach(({ keywardMode }) => {
  test.skip(keywardMode !== 'standin', 'these check the main entry itself, run under the stand-in')
})

test('the main entry opens one hardened window on app://keyward and binds every call to the sender check', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const state = await keyward.standin!.state()
  const [window] = state.windows
  expect(window?.options).toMatchObject({
    show: false,
    webPreferences: {
      preload: resolve('out/preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  })
  // Shown once ready, not before.
  expect(window?.visible).toBe(true)
  expect(window?.loadedUrls).toEqual(['app://keyward/index.html'])
  expect(state.applicationMenuSet).toBe(true)
  expect(state.sessionHandlers).toEqual(
    expect.arrayContaining([
      'setPermissionRequestHandler:set',
      'setPermissionCheckHandler:set',
      'setDevicePermissionHandler:set',
      'will-download',
      'webRequest.onBeforeRequest',
    ]),
  )
  // Every call the page made came from the app's own main frame.
  expect(state.ipcCalls.length).toBeGreaterThan(0)
  expect(state.ipcCalls.every((call) => call.senderFrameUrl === 'app://keyward/index.html' && call.mainFrame)).toBe(
    true,
  )
})

test('a call from a frame inside the page is refused by the sender check, and changes nothing', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  // A compromised renderer reaching IPC from a subframe: the stand-in's binding, called from an iframe.
  // (Page code is passed as text: this project type-checks without the DOM library.)
  await page.evaluate("document.body.append(document.createElement('iframe'))")
  await expect.poll(() => page.frames().length).toBe(2)
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!
  const answer = await frame.evaluate(() => {
    const controller = (
      globalThis as unknown as Record<string, { callBinding(name: string, ...args: unknown[]): Promise<unknown> }>
    )['__playwright__binding__controller__']
    return controller!.callBinding('__electronStandinInvoke', 'vault:lock', [{}])
  })
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
  const calls = (await keyward.standin!.state()).ipcCalls
  // The page's own polling (rotation flows, scan runs) goes on meanwhile: look for the subframe's call.
  expect(calls).toContainEqual({ channel: 'vault:lock', senderFrameUrl: 'about:blank', mainFrame: false })
  expect(calls.filter((call) => call.channel === 'vault:lock')).toHaveLength(1)
  // Still unlocked: the lock never ran.
  await expect(page.getByRole('navigation', { name: 'Keyward' })).toBeVisible()
})

test('the protocol handler serves the renderer and nothing outside it; the page cannot navigate away', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  keyward.allowConsoleError('status of 404 (Not Found)')
  const answers = await page.evaluate<{ index: number; csp: string | null }>(`(async () => {
    const index = await fetch('/index.html')
    return {
      index: index.status,
      csp: index.headers.get('content-security-policy'),
      traversal: (await fetch('/%2e%2e/%2e%2e/package.json')).status,
      encodedSlash: (await fetch('/assets%2f..%2f..%2f..%2fpackage.json')).status,
      dotfile: (await fetch('/.env')).status,
    }
  })()`)
  // Chromium folds the dot segments of /%2e%2e/ itself; encoded slashes reach the handler as they are,
  // three levels up from assets/ being the repository's package.json.
  expect(answers).toMatchObject({ index: 200, traversal: 404, encodedSlash: 404, dotfile: 404 })
  expect((await keyward.standin!.state()).served).toContainEqual({
    url: 'app://keyward/assets%2f..%2f..%2f..%2fpackage.json',
    status: 404,
  })
  expect(answers.csp).toContain("default-src 'none'")

  // A link to an allowlisted site opens in the system browser; anything else goes nowhere.
  await page.evaluate("window.open('https://github.com/keyward/keyward')")
  await page.evaluate("window.open('https://attacker.example/')")
  await page.evaluate("window.location.href = 'https://attacker.example/phish'")
  await expect
    .poll(async () => (await keyward.standin!.state()).preventedNavigations)
    .toEqual(
      expect.arrayContaining([
        'window.open https://github.com/keyward/keyward',
        'window.open https://attacker.example/',
        'https://attacker.example/phish',
      ]),
    )
  const state = await keyward.standin!.state()
  expect(state.openedExternally).toEqual(['https://github.com/keyward/keyward'])
  expect(page.url()).toBe('https://keyward/index.html')
  await expect(page.getByRole('navigation', { name: 'Keyward' })).toBeVisible()
})

test('a download the page starts is refused by the session', async ({ page, keyward }) => {
  await createVault(page)
  // A compromised renderer dropping a file into the user's Downloads.
  await page.evaluate(`(() => {
    const link = document.createElement('a')
    link.href = URL.createObjectURL(new Blob(['#!/bin/sh\\n'], { type: 'application/octet-stream' }))
    link.download = 'install.sh'
    document.body.append(link)
    link.click()
  })()`)
  await expect
    .poll(async () => (await keyward.standin!.state()).downloads)
    .toEqual([{ url: expect.stringMatching(/^blob:app:\/\/keyward\//), prevented: true }])
})

test("a file dialog is attached to the app's window (modal to it), and a cancel changes nothing", async ({
  page,
  keyward,
}) => {
  await createVault(page)
  await keyward.answerNextFileDialog(null)
  await page.locator('.empty-state').getByRole('button', { name: 'Import .env…' }).click()
  const state = await keyward.standin!.state()
  await expect
    .poll(async () => (await keyward.standin!.state()).dialogsShown)
    .toEqual([{ kind: 'open', title: 'Import a .env file', answered: null, parentWindowId: state.windows[0]!.id }])
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByText('No keys yet. Add one, or import a .env file.')).toBeVisible()
})

test("a base URL on another host waits for main's message box, naming the host and the key; Cancel changes nothing", async ({
  page,
  keyward,
}) => {
  const { row, settings } = await openAirclouWithKey(page, 'Airclou prod')

  // The user presses Escape (Cancel, the box's default) in main's native box.
  await keyward.standin!.answerNextMessageBox(null)
  await saveBaseUrl(settings, 'https://keys.attacker.example:8443')
  await expect(settings.getByRole('alert')).toHaveText(
    'You declined sending keys to keys.attacker.example:8443: nothing changed.',
  )
  const state = await keyward.standin!.state()
  expect(state.messageBoxesShown).toEqual([
    expect.objectContaining({
      type: 'warning',
      message: 'Send key values to keys.attacker.example:8443?',
      detail: expect.stringContaining('“Airclou prod”'),
      buttons: ['Cancel', 'Allow'],
      defaultId: 0,
      cancelId: 0,
      answered: 'Cancel',
      parentWindowId: state.windows[0]!.id,
    }),
  ])
  // Nothing changed: the provider still goes to its own host, also after the page reloads from main.
  await expect(row.locator('.provider-row-toggle')).not.toContainText('via')
  await page.reload()
  await showSettings(page, 'Providers')
  await expect(providerRow(page, 'airclou').locator('.provider-row-toggle')).not.toContainText('via')

  // Allow is what the user must choose for the change to be saved.
  const reopened = await openProviderRow(page, 'airclou')
  await keyward.standin!.answerNextMessageBox('Allow')
  await page
    .getByRole('region', { name: 'Airclou provider' })
    .getByLabel('Base URL')
    .fill('https://keys.attacker.example:8443')
  await page
    .getByRole('region', { name: 'Airclou provider' })
    .getByRole('button', { name: 'Save', exact: true })
    .click()
  await expect(reopened.locator('.provider-row-toggle')).toContainText('via https://keys.attacker.example:8443')
  expect((await keyward.standin!.state()).messageBoxesShown.map((shown) => shown.answered)).toEqual(['Cancel', 'Allow'])
})

test('a second launch hands over to the first, which comes forward, and quits without a window', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const focusedBefore = (await keyward.standin!.state()).windows[0]!.focusCount
  const second = startStandinApp({
    environment: { HOME: keyward.directory, KEYWARD_VAULT: join(keyward.directory, 'other.keyward') },
    clipboardFile: join(keyward.directory, 'system-clipboard.txt'),
    args: ['--vault', join(keyward.directory, 'other.keyward')],
  })
  // A second instance that went on to start would open its own window: that ends the wait at once.
  const openedAWindow = new Promise<string>((resolveOpened) =>
    second.child.on('message', (message: { kind?: string }) => {
      if (message.kind === 'window-loaded') resolveOpened('the second launch opened a window')
    }),
  )
  expect(await Promise.race([second.exited, openedAWindow])).toBe(0)
  await expect.poll(async () => (await keyward.standin!.state()).secondInstances.length).toBe(1)
  const state = await keyward.standin!.state()
  expect(state.secondInstances[0]!.argv).toContain('--vault')
  expect(state.windows).toHaveLength(1)
  expect(state.windows[0]!.focusCount).toBeGreaterThan(focusedBefore)
  expect(second.stderr()).not.toContain('[keyward]')
})

test('the screen locking (powerMonitor lock-screen) locks the vault; unlocking the screen or waking does not open it', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  await keyward.standin!.emitPowerEvent('lock-screen')
  await expect(page.getByText('Locked because the screen was locked')).toBeVisible()
  // Only the master password opens the vault again, whatever the system says next.
  await keyward.standin!.emitPowerEvent('unlock-screen')
  await keyward.standin!.emitPowerEvent('resume')
  const status = await page.evaluate<{ ok: boolean; value?: { state?: string } }>('window.keyward.getVaultStatus()')
  expect(status).toMatchObject({ ok: true, value: { state: 'locked' } })
  await unlockVault(page)
})

test('an expired key raises one system notification, without its value, that brings the window forward; the badge counts it', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const value = fakeKeys.clipiaTest()
  await addKey(page, { value, name: 'Clipia sandbox' })
  await keyRow(page, 'Clipia sandbox').click()
  // Both clocks are the system's here: three days ago is in the past for main too.
  await detailPane(page).getByLabel('Expires').fill(dayFrom(Date.now(), -3))
  await expect(detailPane(page).locator('[data-rotation-state="expired"]')).toBeVisible()
  // Main checks its reminders on unlock (and on its schedule): lock and unlock.
  await keyward.standin!.emitPowerEvent('lock-screen')
  await unlockVault(page)

  await expect
    .poll(async () => (await keyward.standin!.state()).notifications)
    .toEqual([{ title: '"Clipia sandbox" has expired', body: expect.stringContaining('Rotate it in Keyward') }])
  const state = await keyward.standin!.state()
  expect(state.badgeCount).toBe(1)
  expect(JSON.stringify(state.notifications)).not.toContain(value)

  // Clicking it brings the window forward.
  const focusedBefore = state.windows[0]!.focusCount
  await keyward.standin!.clickNotification(0)
  expect((await keyward.standin!.state()).windows[0]!.focusCount).toBeGreaterThan(focusedBefore)
})

test('closing the window quits the app, and quitting clears a copied value from the clipboard', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const value = fakeKeys.airclouTest()
  await addKey(page, { value, name: 'Airclou staging' })
  await keyRow(page, 'Airclou staging').click()
  await detailPane(page).getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByRole('status').getByText('Copied — clears in 30 s')).toBeVisible()
  expect(await keyward.clipboardText()).toBe(value)

  await page.close()
  expect(await keyward.standin!.exited).toBe(0)
  expect(await keyward.clipboardText()).toBe('')
})

test('quitting leaves alone what the user copied since', async ({ page, keyward }) => {
  await createVault(page)
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging' })
  await keyRow(page, 'Airclou staging').click()
  await detailPane(page).getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByRole('status').getByText('Copied — clears in 30 s')).toBeVisible()
  // The user copies something else in another app, then quits Keyward (File → Quit).
  writeFileSync(join(keyward.directory, 'system-clipboard.txt'), 'a line from the editor')
  expect(await keyward.standin!.quit()).toBe(0)
  expect(await keyward.clipboardText()).toBe('a line from the editor')
})

test('without Chromium the app exits 1 and the stand-in says what to install or set', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'keyward-standin-'))
  try {
    const app = startStandinApp({
      environment: {
        HOME: directory,
        KEYWARD_VAULT: join(directory, 'vault.keyward'),
        CHROMIUM_PATH: join(directory, 'no-chromium'),
      },
      clipboardFile: join(directory, 'system-clipboard.txt'),
    })
    expect(await app.exited).toBe(1)
    expect(app.stderr()).toContain(`[electron stand-in] Chromium did not start from ${join(directory, 'no-chromium')}`)
    expect(app.stderr()).toContain('set CHROMIUM_PATH')
    // main's own line: the error's name only.
    expect(app.stderr()).toContain('[keyward] Keyward could not start: Error')
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
})
