// The e2e fixture: every test gets a fresh vault in a temp folder, a `page` showing Keyward on it, and
// helpers for what a test cannot click (file dialogs, the clipboard). Three ways to run, same specs:
// - harness (here): the real main-side handlers behind a loopback server (test/harness), the built
//   renderer in Debian's Chromium;
// - standin: the built main entry (out/main/index.js) itself, with an Electron stand-in
//   (test/electron-standin) that opens its window in Debian's Chromium (the 'standin' project);
// - electron (where an Electron binary exists): the packaged main via _electron.launch, dialogs and
//   clipboard reached through electronApp.evaluate.
// KEYWARD_E2E_MODE=harness|standin|electron forces one; otherwise electron when its binary is present.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  _electron,
  test as base,
  expect,
  type Browser,
  type ElectronApplication,
  type Page,
  type TestInfo,
} from '@playwright/test'
import { findElectronBinary } from './electronBinary'
import { startHarnessProcess, type HarnessProcess } from './harnessProcess'
import { openStandinWindow, type StandinProcess } from './standinProcess'

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export type KeywardMode = 'harness' | 'standin' | 'electron'
export type LockReason = 'idle' | 'suspend' | 'screen-lock' | 'user'

export interface KeywardHelpers {
  mode: KeywardMode
  /** A temp folder of this test's own (the vault, .env files to import, exports). */
  directory: string
  vaultPath: string
  /** The path the next open or save dialog answers (null: the user cancels). */
  answerNextFileDialog(path: string | null): Promise<void>
  /** How the user answers main's next confirmation of a wider reach (Allow or Cancel): main's own dialog, not the page's. */
  answerNextConfirmation(allow: boolean): Promise<void>
  /** What main asked the user to confirm so far: the hosts and keys each question named. */
  confirmationsAsked(): Promise<{ change: string; hosts: string[]; keyNames: string[]; laterKeysOf: string | null }[]>
  /** What the system clipboard (the harness's in-memory one) holds now. */
  clipboardText(): Promise<string>
  /** Harness only: moves main's clock forward (auto-lock). */
  advanceMainClock(milliseconds: number): Promise<void>
  /**
   * Locks the vault as main would for that reason: the harness locks directly; the stand-in sends the
   * power event (suspend, screen-lock) the app listens for.
   */
  lockFromMain(reason: LockReason): Promise<void>
  /** Stand-in only: the running app (its record of what it asked of Electron, quit, exit code). */
  standin: StandinProcess | null
  /** A console error this test causes on purpose (a refused request): not counted as a problem. */
  allowConsoleError(text: string): void
  /** Attaches a screenshot of the page in light and in dark to the test's results. */
  screenshot(name: string): Promise<void>
}

interface WorkerFixtures {
  keywardMode: KeywardMode
  harnessBrowser: Browser | null
}

interface KeywardSession {
  page: Page
  helpers: KeywardHelpers
}

interface TestFixtures {
  keywardSession: KeywardSession
  keyward: KeywardHelpers
}

const detectMode = (): KeywardMode => {
  const forced = process.env.KEYWARD_E2E_MODE
  if (forced === 'harness' || forced === 'standin' || forced === 'electron') return forced
  return findElectronBinary() ? 'electron' : 'harness'
}

const attachScreenshots = async (page: Page, testInfo: TestInfo, name: string): Promise<void> => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const path = testInfo.outputPath(`${name}-${colorScheme}.png`)
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
    await testInfo.attach(`${name}-${colorScheme}`, { path, contentType: 'image/png' })
  }
  await page.emulateMedia({ colorScheme: testInfo.project.use.colorScheme ?? 'light' })
}

const watchForPageProblems = (page: Page, problems: string[], allowedErrors: string[]): void => {
  // Chromium says a <meta> CSP cannot carry frame-ancestors; the header the app sends carries it.
  allowedErrors.push("'frame-ancestors' is ignored")
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowedErrors.some((allowed) => message.text().includes(allowed))) {
      problems.push(`console error: ${message.text()}`)
    }
  })
}

/**
 * A stand-in session counts only if the app's own start-up ran: sandbox on and the scheme registered
 * before ready, the single-instance lock taken, the window's page served by the app's protocol handler
 * and its calls bound on ipcMain.
 */
const expectMainEntryRan = async (standin: StandinProcess): Promise<void> => {
  const state = await standin.state()
  expect(state.sandboxEnabled, 'app.enableSandbox() was called before ready').toBe(true)
  expect(state.singleInstanceLock, 'the single-instance lock was requested and held').toBe('held')
  expect(
    state.privilegedSchemes.map(({ scheme, registeredBeforeReady }) => ({ scheme, registeredBeforeReady })),
  ).toEqual([{ scheme: 'app', registeredBeforeReady: true }])
  expect(state.handledSchemes).toEqual(['app'])
  expect(state.served).toContainEqual({ url: 'app://keyward/index.html', status: 200 })
  expect(state.windows).toHaveLength(1)
  expect(state.ipcChannels).toContain('vault:status')
}

/** Replaces Electron's file dialogs for one call each, in main, with the answers the test queued. */
const queueElectronDialogAnswer = async (app: ElectronApplication, path: string | null): Promise<void> => {
  await app.evaluate(({ dialog }, answerPath) => {
    const state = globalThis as typeof globalThis & {
      keywardDialogAnswers?: (string | null)[]
      keywardDialogsPatched?: boolean
    }
    state.keywardDialogAnswers ??= []
    state.keywardDialogAnswers.push(answerPath)
    if (state.keywardDialogsPatched) return
    state.keywardDialogsPatched = true
    const nextAnswer = () => {
      const queued = state.keywardDialogAnswers?.shift()
      return queued === undefined ? null : queued
    }
    const open = async () => {
      const chosen = nextAnswer()
      return chosen === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [chosen] }
    }
    const save = async () => {
      const chosen = nextAnswer()
      return chosen === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: chosen }
    }
    // Both the (options) and (window, options) forms land here; the arguments do not matter to a script.
    dialog.showOpenDialog = open as unknown as typeof dialog.showOpenDialog
    dialog.showSaveDialog = save as unknown as typeof dialog.showSaveDialog
  }, path)
}

/** Replaces Electron's message box for one call each, in main: Allow (1) or Cancel (0), and keeps what it showed. */
const queueElectronConfirmation = async (app: ElectronApplication, allow: boolean): Promise<void> => {
  await app.evaluate(({ dialog }, answer) => {
    const state = globalThis as typeof globalThis & {
      keywardConfirmations?: boolean[]
      keywardAsked?: unknown[]
      keywardMessageBoxPatched?: boolean
    }
    state.keywardConfirmations ??= []
    state.keywardAsked ??= []
    state.keywardConfirmations.push(answer)
    if (state.keywardMessageBoxPatched) return
    state.keywardMessageBoxPatched = true
    dialog.showMessageBox = (async (_window: unknown, options: { message: string; detail?: string }) => {
      state.keywardAsked!.push({
        change: options.detail ?? '',
        hosts: [options.message],
        keyNames: [],
        laterKeysOf: null,
      })
      return { response: state.keywardConfirmations!.shift() ? 1 : 0, checkboxChecked: false }
    }) as unknown as typeof dialog.showMessageBox
  }, allow)
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // A project may set it (playwright.config.ts runs some specs again in standin mode).
  keywardMode: [detectMode(), { scope: 'worker', option: true }],

  // One Chromium per worker in harness mode (launched only there: Electron mode needs no browser).
  harnessBrowser: [
    async ({ keywardMode, playwright, launchOptions, headless }, use) => {
      if (keywardMode !== 'harness') return use(null)
      const browser = await playwright.chromium.launch({ ...launchOptions, headless })
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' },
  ],

  // Launches Keyward on a fresh vault: the harness and a browser page, or the Electron app.
  keywardSession: async ({ keywardMode, harnessBrowser, playwright, viewport, colorScheme, locale }, use, testInfo) => {
    // The temp folder stands in for the user's home, so the vault sits where it would by default
    // and the status line reads ~/.config/Keyward/vault.keyward (screenshots show no machine path).
    const directory = mkdtempSync(join(tmpdir(), 'keyward-e2e-'))
    const vaultPath = join(directory, '.config', 'Keyward', 'vault.keyward')
    let page: Page
    let electronApp: ElectronApplication | null = null
    let harness: HarnessProcess | null = null
    let standin: StandinProcess | null = null
    let closePage: () => Promise<void>
    const problems: string[] = []
    const allowedErrors: string[] = []

    if (keywardMode === 'electron') {
      electronApp = await _electron.launch({
        args: [resolve(repositoryRoot, 'out/main/index.js')],
        cwd: repositoryRoot,
        env: { ...process.env, HOME: directory, KEYWARD_VAULT: vaultPath } as Record<string, string>,
        colorScheme: colorScheme ?? undefined,
      })
      page = await electronApp.firstWindow()
      if (viewport) await page.setViewportSize(viewport)
      const app = electronApp
      closePage = () => app.close()
    } else if (keywardMode === 'standin') {
      const opened = await openStandinWindow(
        {
          environment: { HOME: directory, KEYWARD_VAULT: vaultPath },
          clipboardFile: join(directory, 'system-clipboard.txt'),
        },
        playwright.chromium,
      )
      standin = opened.app
      page = opened.page
      watchForPageProblems(page, problems, allowedErrors)
      if (viewport) await page.setViewportSize(viewport)
      await page.emulateMedia({ colorScheme: colorScheme ?? 'light' })
      await expectMainEntryRan(standin)
      const app = standin
      closePage = async () => {
        await opened.browser.close()
        const exitCode = await app.quit()
        // main logs "[keyward] …" (class names only) when something failed behind the page's back.
        const mainProblems = app
          .stderr()
          .split('\n')
          .filter((line) => line.startsWith('[keyward]'))
        problems.push(...mainProblems.map((line) => `main: ${line}`))
        if (exitCode !== 0) problems.push(`the app exited with ${exitCode}`)
      }
    } else {
      harness = await startHarnessProcess(vaultPath, {
        HOME: directory,
        KEYWARD_HARNESS_COMMAND_FOLDER: join(directory, 'Keyward', 'resources', 'cli'),
      })
      // The locale a test asks for (test.use({ locale })) is the window's: Intl and the date inputs follow it.
      const context = await harnessBrowser!.newContext({ viewport, colorScheme: colorScheme ?? 'light', locale })
      page = await context.newPage()
      watchForPageProblems(page, problems, allowedErrors)
      await page.goto(harness.url)
      closePage = () => context.close()
    }

    const needsHarness = (what: string): HarnessProcess => {
      if (!harness) throw new Error(`${what} needs the harness; this test runs in ${keywardMode} mode.`)
      return harness
    }
    const helpers: KeywardHelpers = {
      mode: keywardMode,
      directory,
      vaultPath,
      standin,
      answerNextFileDialog: async (path) => {
        if (electronApp) await queueElectronDialogAnswer(electronApp, path)
        else if (standin) await standin.answerNextFileDialog(path)
        else await needsHarness('answerNextFileDialog').control('/__harness/dialog', { path })
      },
      answerNextConfirmation: async (allow) => {
        if (electronApp) await queueElectronConfirmation(electronApp, allow)
        else if (standin) await standin.answerNextMessageBox(allow ? 'Allow' : null)
        else await needsHarness('answerNextConfirmation').confirmControl('/__confirm/answer', { allow })
      },
      confirmationsAsked: async () => {
        if (electronApp)
          return electronApp.evaluate(() => (globalThis as { keywardAsked?: never[] }).keywardAsked ?? [])
        if (standin) {
          const shown = (await standin.state()).messageBoxesShown
          return shown.map(({ message, detail }) => ({
            change: detail ?? '',
            hosts: [message],
            keyNames: [],
            laterKeysOf: null,
          }))
        }
        return (await needsHarness('confirmationsAsked').confirmControl<{ asked: never[] }>('/__confirm/asked')).asked
      },
      clipboardText: async () => {
        if (electronApp) return electronApp.evaluate(({ clipboard }) => clipboard.readText())
        if (standin) return standin.clipboardText()
        return (await needsHarness('clipboardText').control<{ text: string }>('/__harness/clipboard')).text
      },
      advanceMainClock: async (milliseconds) => {
        await needsHarness('advanceMainClock').control('/__harness/advance-clock', { milliseconds })
      },
      lockFromMain: async (reason) => {
        if (standin && (reason === 'suspend' || reason === 'screen-lock')) {
          await standin.emitPowerEvent(reason === 'suspend' ? 'suspend' : 'lock-screen')
        } else {
          await needsHarness('lockFromMain').control('/__harness/lock', { reason })
        }
      },
      allowConsoleError: (text) => void allowedErrors.push(text),
      screenshot: (name) => attachScreenshots(page, testInfo, name),
    }

    await use({ page, helpers })

    await closePage()
    await harness?.stop()
    rmSync(directory, { recursive: true, force: true })
    expect(problems, 'the page logged no errors').toEqual([])
  },

  page: async ({ keywardSession }, use) => use(keywardSession.page),
  keyward: async ({ keywardSession }, use) => use(keywardSession.helpers),
})

export { expect }
