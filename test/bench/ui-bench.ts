// UI benchmark: the window on a vault of 10,000 keys, in Chromium through the e2e harness (the real
// main-side handlers). Medians of several runs of: the unlock answer to the first row painted, a search
// keystroke (and clearing it) to a settled list beyond the debounce, each panel switch to its first
// rows painted, what listKeys costs for the whole masked index against one page, and the renderer's
// memory: a blank page, the app locked and the app unlocked after browsing, under Playwright and again
// in a Chromium without DevTools' network agent (plainChromium.ts), whose answer is the page's own cost.
// A script, never a timed test: these machines are noisy.
//   npm run build && npm run bench:ui [-- --keys 10000 --runs 7]
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Page } from '@playwright/test'
import type { KeywardApi } from '#contract'
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromiumFlags'
import { startHarnessProcess } from '../e2e/harnessProcess'
import { importManyKeys } from '../e2e/manyKeys'
import { createVault, MASTER_PASSWORD } from '../e2e/steps'
import {
  BUSY_EXPRESSION,
  countedMemory,
  freshPageMemory,
  medianMemory,
  pageMemory,
  rendererOf,
  type PageMemory,
} from './rendererMemory'
import { launchPlainChromium, openPlainPage, pressControlDigit, waitForSelector, type PlainPage } from './plainChromium'
import { median } from './median'

const { values: options } = parseArgs({
  options: { keys: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' } },
})
const KEY_COUNT = Number(options.keys)
const RUNS = Number(options.runs)
/** keysStore's search debounce: what a keystroke waits on purpose before main is asked. */
const SEARCH_DEBOUNCE_MS = 120
/** Long enough for the harness to answer the whole-index requests an unlock makes (about 1 s each here). */
const QUIET_WAIT_MS = 3_000

const round = (value: number): number => Math.round(value * 10) / 10

/**
 * What the page must show before a measurement ends: an element, or every list request made since a
 * moment answered (the first page and the rest of the index) with the list summary changed.
 */
type Settled = { selector: string } | { summaryNot: string; requestsSince: number; requests: number }

// The tests compile without the DOM library: the page's window is reached through an element (any).
const installProbe = async (page: Page): Promise<void> => {
  // tsx keeps function names with a __name helper that the page lacks: a no-op stands in for it.
  await page.evaluate('globalThis.__name = (target) => target')
  await page.locator('body').evaluate((body) => {
    const window = body.ownerDocument.defaultView!
    const probe = { lastKeyDown: 0 }
    window.benchProbe = probe
    window.addEventListener('keydown', () => (probe.lastKeyDown = window.performance.now()), { capture: true })
  })
}

/** In the page: the time `settled` first holds, one frame later, so React's commit and its paint are in. */
const waitInPage = (page: Page, settled: Settled): Promise<number> =>
  page.locator('body').evaluate(
    (body, condition) =>
      new Promise<number>((resolve) => {
        const document = body.ownerDocument
        const window = document.defaultView!
        const holds = () =>
          'selector' in condition
            ? document.querySelector(condition.selector) !== null
            : (document.querySelector('.list-summary')?.innerText ?? condition.summaryNot) !== condition.summaryNot &&
              (
                window.performance.getEntriesByType('resource') as {
                  name: string
                  startTime: number
                  responseEnd: number
                }[]
              ).filter(
                (entry) =>
                  entry.name.includes('/rpc/listKeys') &&
                  entry.startTime > condition.requestsSince &&
                  entry.responseEnd > 0,
              ).length >= condition.requests
        const check = () => {
          if (holds()) window.requestAnimationFrame(() => window.setTimeout(() => resolve(window.performance.now()), 0))
          else window.requestAnimationFrame(check)
        }
        check()
      }),
    settled,
  )

const lastKeyDown = (page: Page): Promise<number> =>
  page.locator('body').evaluate((body) => body.ownerDocument.defaultView!.benchProbe.lastKeyDown as number)

/** When main's answer to the last unlock reached the page (its resource timing). */
const unlockAnsweredAt = (page: Page): Promise<number> =>
  page.locator('body').evaluate((body) => {
    const entries = body.ownerDocument.defaultView!.performance.getEntriesByType('resource') as {
      name: string
      responseEnd: number
    }[]
    return entries.find((entry) => entry.name.includes('/rpc/unlockVault'))?.responseEnd ?? Number.NaN
  })

const summaryText = (page: Page): Promise<string> => page.locator('.list-summary').innerText()

/**
 * The same measures in a Chromium without DevTools' network agent (see plainChromium.ts), main unlocked:
 * a blank page, then the app after browsing Vault, Tests, Rotation and a search, each run.
 */
const plainMemory = async (url: string, runs: number) => {
  const chromium = launchPlainChromium()
  const blank: PageMemory[] = []
  const unlocked: PageMemory[] = []
  const load: number[] = []
  const measure = async (page: PlainPage) => {
    const pid = await rendererOf(
      () => chromium.send('SystemInfo.getProcessInfo'),
      () => page.evaluate(BUSY_EXPRESSION),
    )
    return countedMemory((method) => chromium.send(method, {}, page.sessionId), pid)
  }
  try {
    for (let run = 0; run < runs; run++) {
      load.push(loadavg()[0]!)
      const blankPage = await openPlainPage(chromium, 'data:text/html,<!doctype html><title>Blank</title><p>Blank</p>')
      await waitForSelector(blankPage, 'p')
      blank.push(await measure(blankPage))
      await blankPage.close()

      const app = await openPlainPage(chromium, url)
      const allKeys = `#key-list [aria-setsize="${KEY_COUNT}"]`
      await waitForSelector(app, allKeys)
      for (const [digit, rows] of [
        [2, '#test-list [role="row"]'],
        [3, '#rotation-list .rotation-row'],
        [1, allKeys],
      ] as const) {
        await pressControlDigit(chromium, app, digit)
        await waitForSelector(app, rows)
      }
      // A search that narrows the list, then cleared back to every key.
      await app.evaluate(`document.querySelector('#key-search').focus()`)
      await chromium.send('Input.insertText', { text: String((run % 9) + 1) }, app.sessionId)
      await waitForSelector(app, `#key-list [role="option"]:not([aria-setsize="${KEY_COUNT}"])`)
      await app.evaluate(`document.querySelector('#key-search').select()`)
      await chromium.send(
        'Input.dispatchKeyEvent',
        { type: 'rawKeyDown', key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 },
        app.sessionId,
      )
      await chromium.send(
        'Input.dispatchKeyEvent',
        { type: 'keyUp', key: 'Backspace', code: 'Backspace' },
        app.sessionId,
      )
      await waitForSelector(app, allKeys)
      await new Promise((resolve) => setTimeout(resolve, QUIET_WAIT_MS))
      unlocked.push(await measure(app))
      await app.close()
    }
  } finally {
    await chromium.close()
  }
  return { blank, unlocked, load }
}

const listKeysCost = (page: Page, limit: number) =>
  page.evaluate(async (asked) => {
    const bridge = (globalThis as unknown as { keyward: KeywardApi }).keyward
    const start = Date.now()
    const result = await bridge.listKeys({ limit: asked })
    const elapsed = Date.now() - start
    return { elapsed, bytes: JSON.stringify(result).length }
  }, limit)

const directory = mkdtempSync(join(tmpdir(), 'keyward-ui-bench-'))
const vaultPath = join(directory, '.config', 'Keyward', 'vault.keyward')
const harness = await startHarnessProcess(vaultPath, { HOME: directory })
const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: [...CHROMIUM_ARGS] })
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(harness.url)
  await createVault(page)
  const keyward = {
    directory,
    answerNextFileDialog: (path: string | null) => harness.control('/__harness/dialog', { path }).then(() => undefined),
  }
  await importManyKeys(page, keyward, KEY_COUNT)
  await installProbe(page)
  await page.locator('#key-list [role="option"]').first().waitFor()

  const unlock: number[] = []
  const keystroke: number[] = []
  const keystrokeFirstRows: number[] = []
  const clearing: number[] = []
  const clearingFirstRows: number[] = []
  const switches: Record<string, number[]> = { 'Vault → Tests': [], 'Tests → Rotation': [], 'Rotation → Vault': [] }
  const wholeIndex: number[] = []
  const onePage: number[] = []
  let indexBytes = 0
  const memoryLoad: number[] = []
  const blankMemory: PageMemory[] = []
  const lockedMemory: PageMemory[] = []
  const unlockedMemory: PageMemory[] = []

  for (let run = 0; run < RUNS; run++) {
    // Unlock: from the moment main's answer reaches the page to the first row painted.
    await page.keyboard.press('Control+L')
    const passwordField = page.getByLabel('Master password', { exact: true })
    await passwordField.waitFor()
    // The app freshly loaded while main is locked (a window of its own): the unlock screen's memory.
    lockedMemory.push(
      await freshPageMemory(browser, async (locked) => {
        await locked.goto(harness.url)
        await locked.getByLabel('Master password', { exact: true }).waitFor()
        await locked.waitForLoadState('networkidle')
      }),
    )
    await passwordField.fill(MASTER_PASSWORD)
    await page.locator('body').evaluate((body) => body.ownerDocument.defaultView!.performance.clearResourceTimings())
    await page.getByRole('button', { name: 'Unlock' }).click()
    const firstRow = await waitInPage(page, { selector: '#key-list [role="option"]' })
    unlock.push(firstRow - (await unlockAnsweredAt(page)))

    // A keystroke that narrows 10,000 keys, then the one that clears it back to all of them.
    const search = page.getByRole('searchbox', { name: 'Search keys' })
    await search.focus()
    // The keystroke is timed on a quiet window: the unlock's requests (the rest of the index, the Tests
    // and Rotation lists) have all been answered first.
    await page.locator(`#key-list [aria-setsize="${KEY_COUNT}"]`).first().waitFor()
    await page.waitForTimeout(QUIET_WAIT_MS)
    // A digit matches about a third of the keys; clearing brings back all 10,000. The window filters the
    // index it holds, so no request is awaited (requests: 0); one would be with chip filters changed.
    const before = await summaryText(page)
    await page.keyboard.press(String((run % 9) + 1))
    const typedAt = await lastKeyDown(page)
    const firstMatches = await waitInPage(page, { summaryNot: before, requestsSince: typedAt, requests: 0 })
    keystrokeFirstRows.push(firstMatches - typedAt - SEARCH_DEBOUNCE_MS)
    const narrowed = await waitInPage(page, { summaryNot: before, requestsSince: typedAt, requests: 0 })
    keystroke.push(narrowed - typedAt - SEARCH_DEBOUNCE_MS)
    const filtered = await summaryText(page)
    await page.keyboard.press('Backspace')
    const clearedAt = await lastKeyDown(page)
    const clearedFirstRows = await waitInPage(page, { summaryNot: filtered, requestsSince: clearedAt, requests: 0 })
    clearingFirstRows.push(clearedFirstRows - clearedAt - SEARCH_DEBOUNCE_MS)
    const cleared = await waitInPage(page, { summaryNot: filtered, requestsSince: clearedAt, requests: 0 })
    clearing.push(cleared - clearedAt - SEARCH_DEBOUNCE_MS)
    await page.locator('#key-list').focus()

    // Panel switches by keyboard: keydown to the new panel's first rows painted.
    for (const [label, shortcut, rowSelector] of [
      ['Vault → Tests', 'Control+2', '#test-list [role="row"]'],
      ['Tests → Rotation', 'Control+3', '#rotation-list .rotation-row'],
      ['Rotation → Vault', 'Control+1', '#key-list [role="option"]'],
    ] as const) {
      await page.keyboard.press(shortcut)
      const shown = await waitInPage(page, { selector: rowSelector })
      switches[label]!.push(shown - (await lastKeyDown(page)))
      await page.waitForLoadState('networkidle')
    }

    // The choice between pages and the whole index: what each costs through the bridge.
    const whole = await listKeysCost(page, 100_000)
    wholeIndex.push(whole.elapsed)
    indexBytes = whole.bytes
    onePage.push((await listKeysCost(page, 200)).elapsed)

    // Memory, the same way on the app after this run's browsing and on a blank page (in a context of
    // its own, so in a renderer of its own).
    await page.waitForLoadState('networkidle')
    memoryLoad.push(loadavg()[0]!)
    unlockedMemory.push(await pageMemory(page, browser))
    blankMemory.push(
      await freshPageMemory(browser, (blank) => blank.setContent('<!doctype html><title>Blank</title><p>Blank</p>')),
    )
  }
  // Chromium's own per-page count (performance.measureUserAgentSpecificMemory) needs a cross-origin
  // isolated page; the harness serves the app without COOP/COEP, as Electron's file:// page is.
  const crossOriginIsolated = await page.evaluate(
    () => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated,
  )
  // Main is unlocked here: the plain Chromium's app page opens on all the keys.
  const plain = await plainMemory(harness.url, RUNS)
  /** Medians of each state, and the app's own cost: the unlocked window less a blank page. */
  const states = (blank: PageMemory[], unlocked: PageMemory[], load: number[], locked?: PageMemory[]) => {
    const blankMedian = medianMemory(blank)
    const unlockedMedian = medianMemory(unlocked)
    return {
      loadAverage: { median: round(median(load)), max: round(Math.max(...load)) },
      blankPage: blankMedian,
      ...(locked ? { appLocked: medianMemory(locked) } : {}),
      appUnlockedAfterBrowsing: unlockedMedian,
      appOwnCostUnlockedMinusBlank: Object.fromEntries(
        Object.entries(unlockedMedian).map(([name, value]) => [
          name,
          round(value - blankMedian[name as keyof PageMemory]),
        ]),
      ),
    }
  }

  const report = {
    keys: KEY_COUNT,
    runs: RUNS,
    medianMs: {
      unlockAnswerToFirstRow: round(median(unlock)),
      searchKeystrokeFirstRowsBeyondDebounce: round(median(keystrokeFirstRows)),
      searchKeystrokeSettledBeyondDebounce: round(median(keystroke)),
      searchClearedFirstRowsBeyondDebounce: round(median(clearingFirstRows)),
      searchClearedSettledBeyondDebounce: round(median(clearing)),
      ...Object.fromEntries(
        Object.entries(switches).map(([label, samples]) => [`switch ${label}`, round(median(samples))]),
      ),
      listKeysWholeIndex: round(median(wholeIndex)),
      listKeysOnePageOf200: round(median(onePage)),
    },
    wholeIndexJsonMb: round(indexBytes / 2 ** 20),
    memory: {
      // Under Playwright: DevTools' network agent keeps the harness's response bodies in the renderer.
      // rssMb of appUnlockedAfterBrowsing is the row reported before as the renderer's resident memory.
      underPlaywright: states(blankMemory, unlockedMemory, memoryLoad, lockedMemory),
      // The same browser build with no Network domain enabled: what the page itself holds.
      withoutNetworkAgent: states(plain.blank, plain.unlocked, plain.load),
      measureUserAgentSpecificMemory: crossOriginIsolated ? 'available' : 'unavailable: page not cross-origin isolated',
    },
  }
  console.log(JSON.stringify(report, null, 2))
} finally {
  await browser.close()
  await harness.stop()
  rmSync(directory, { recursive: true, force: true })
}
