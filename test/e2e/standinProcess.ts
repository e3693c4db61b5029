// Runs the built main entry (out/main/index.js) under the Electron stand-in (test/electron-standin) as
// a child process, and connects this test's Playwright to the window it opens. The child's IPC
// channel carries the test's side of things: dialog and message box answers, power events, the app's record, quit.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserType, Page } from '@playwright/test'
import type {
  ControlAnswer,
  ControlRequest,
  PowerEventName,
  StandinState,
  WindowLoadedNotice,
} from '../electron-standin/controlMessages'

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const STARTUP_TIMEOUT_MS = 30_000
const QUIT_TIMEOUT_MS = 10_000

export interface StandinLaunch {
  /** The app's environment on top of this process's (HOME, KEYWARD_VAULT, …). */
  environment: Record<string, string>
  /** The file the stand-in's clipboard lives in (it outlives the app, as the system clipboard does). */
  clipboardFile: string
  args?: string[]
}

export interface StandinProcess {
  child: ChildProcess
  /** Everything the app wrote to stderr so far. */
  stderr(): string
  state(): Promise<StandinState>
  answerNextFileDialog(path: string | null): Promise<void>
  /** The button (by label) the next message box answers; null: the user cancels it (Escape). */
  answerNextMessageBox(button: string | null): Promise<void>
  /** The next message box stays open, unanswered, until main closes it (its signal). */
  holdNextMessageBox(): Promise<void>
  emitPowerEvent(event: PowerEventName): Promise<void>
  /** Clicks the index-th notification the app showed. */
  clickNotification(index: number): Promise<void>
  clipboardText(): string
  /** Asks the app to quit (as File → Quit) and answers its exit code. */
  quit(): Promise<number | null>
  /** Resolves with the exit code once the app has ended. */
  exited: Promise<number | null>
}

export interface StandinWindow {
  app: StandinProcess
  browser: Browser
  page: Page
}

const spawnApp = (launch: StandinLaunch): ChildProcess =>
  spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      resolve(repositoryRoot, 'test/electron-standin/register.mjs'),
      resolve(repositoryRoot, 'out/main/index.js'),
      ...(launch.args ?? []),
    ],
    {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...launch.environment, KEYWARD_STANDIN_CLIPBOARD: launch.clipboardFile, NODE_OPTIONS: '' },
    },
  )

/** Starts the app and answers once the process runs (before any window). */
export const startStandinApp = (launch: StandinLaunch): StandinProcess => {
  const child = spawnApp(launch)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  child.stdout?.resume()
  const exited = new Promise<number | null>((resolveExit) => {
    if (child.exitCode !== null) resolveExit(child.exitCode)
    else child.once('exit', (code) => resolveExit(code))
  })

  let lastId = 0
  const control = <Answer>(request: ControlRequest): Promise<Answer> => {
    const id = ++lastId
    return new Promise<Answer>((resolveAnswer, rejectAnswer) => {
      const onMessage = (message: ControlAnswer) => {
        if (message.id !== id) return
        child.off('message', onMessage)
        child.off('exit', onExit)
        if (message.ok) resolveAnswer(message.result as Answer)
        else rejectAnswer(new Error(`The stand-in refused ${request.kind}: ${message.message}`))
      }
      const onExit = () => rejectAnswer(new Error(`The app exited before answering ${request.kind}.\n${stderr}`))
      child.on('message', onMessage)
      child.once('exit', onExit)
      child.send({ id, ...request })
    })
  }

  const quit = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    await control({ kind: 'quit' }).catch(() => undefined)
    const timer = setTimeout(() => child.kill('SIGKILL'), QUIT_TIMEOUT_MS)
    const code = await exited
    clearTimeout(timer)
    return code
  }

  return {
    child,
    stderr: () => stderr,
    state: () => control<StandinState>({ kind: 'state' }),
    answerNextFileDialog: async (path) => {
      await control({ kind: 'answer-dialog', path })
    },
    answerNextMessageBox: async (button) => {
      await control({ kind: 'answer-message-box', button })
    },
    holdNextMessageBox: async () => {
      await control({ kind: 'hold-message-box' })
    },
    emitPowerEvent: async (event) => {
      await control({ kind: 'power', event })
    },
    clickNotification: async (index) => {
      await control({ kind: 'click-notification', index })
    },
    clipboardText: () => {
      try {
        return readFileSync(launch.clipboardFile, 'utf8')
      } catch {
        return ''
      }
    },
    quit,
    exited,
  }
}

/** Starts the app, waits for its window to load and connects to that page over DevTools. */
export const openStandinWindow = async (launch: StandinLaunch, chromium: BrowserType): Promise<StandinWindow> => {
  const app = startStandinApp(launch)
  const loaded = await new Promise<WindowLoadedNotice>((resolveLoaded, rejectLoaded) => {
    const timer = setTimeout(
      () => rejectLoaded(new Error(`The app opened no window in time.\n${app.stderr()}`)),
      STARTUP_TIMEOUT_MS,
    )
    const onMessage = (message: WindowLoadedNotice | ControlAnswer) => {
      if (!('kind' in message) || message.kind !== 'window-loaded') return
      clearTimeout(timer)
      app.child.off('message', onMessage)
      resolveLoaded(message)
    }
    app.child.on('message', onMessage)
    app.child.once('exit', (code) => {
      clearTimeout(timer)
      rejectLoaded(new Error(`The app exited (${code}) before its window loaded.\n${app.stderr()}`))
    })
  })
  const browser = await chromium.connectOverCDP(loaded.cdpUrl)
  const page = browser
    .contexts()
    .flatMap((context) => context.pages())
    .find((candidate) => candidate.url() === loaded.pageUrl)
  if (page === undefined) {
    await browser.close()
    await app.quit()
    throw new Error(`The app's window (${loaded.pageUrl}) is not among Chromium's pages.`)
  }
  return { app, browser, page }
}
