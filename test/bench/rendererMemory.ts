// The renderer's memory for the UI benchmark, measured the same way on any page: its process's RSS, PSS
// and USS from /proc (the page's renderer told apart from Chromium's others by the CPU the page burns)
// and Chromium's own counts of what the page holds (JS heap after a full GC, DOM nodes, layout objects,
// listeners). Linux only, like the benchmark machines.
import { readFileSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import { median } from './median'

const round = (value: number): number => Math.round(value * 10) / 10

/** One renderer's memory from /proc/PID/smaps_rollup, in MB: what it maps, its share, what it alone holds. */
const processMemory = (pid: number) => {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) / 1024
  return {
    // Every page mapped, shared ones in full: Chromium's code and fonts count in every renderer.
    rssMb: round(field('Rss')),
    // Shared pages divided among the processes sharing them.
    pssMb: round(field('Pss')),
    // Pages no other process maps (USS): what closing this page would give back.
    ussMb: round(field('Private_Clean') + field('Private_Dirty')),
  }
}

/** The CPU time a process has used, in clock ticks (utime + stime from /proc/PID/stat). */
const cpuTicks = (pid: number): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return 0 // the process ended (a spare renderer Chromium dropped)
  }
}

/**
 * The renderer process that runs `page`. Chromium does not say which renderer holds which page, and it
 * keeps spare renderers beside the pages: the page keeps its CPU busy for a moment, and the renderer
 * whose CPU time grew most is its own.
 */
export const rendererOf = async (
  processInfo: () => Promise<unknown>,
  busy: () => Promise<unknown>,
): Promise<number> => {
  const { processInfo: processes } = (await processInfo()) as { processInfo: { type: string; id: number }[] }
  const renderers = processes.filter(({ type }) => type === 'renderer').map(({ id }) => id)
  const before = renderers.map(cpuTicks)
  await busy()
  const grown = renderers.map((pid, index) => cpuTicks(pid) - before[index]!)
  return renderers[grown.indexOf(Math.max(...grown))]!
}
/** In the page: 400 ms of CPU, so that rendererOf can tell its process. */
export const BUSY_EXPRESSION = 'for (const until = Date.now() + 400; Date.now() < until; );'

const playwrightRenderer = async (page: Page, browser: Browser): Promise<number> => {
  const browserSession = await browser.newBrowserCDPSession()
  try {
    return await rendererOf(
      () => browserSession.send('SystemInfo.getProcessInfo'),
      () => page.evaluate(BUSY_EXPRESSION),
    )
  } finally {
    await browserSession.detach()
  }
}

/** Chromium's own counts of what a page holds, and its renderer's memory, from a DevTools `send`. */
export const countedMemory = async (send: (method: string) => Promise<unknown>, pid: number) => {
  await send('HeapProfiler.collectGarbage')
  await send('Performance.enable')
  const { metrics } = (await send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? 0
  const dom = (await send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number }
  return {
    ...processMemory(pid),
    jsHeapUsedMb: round(metric('JSHeapUsedSize') / 2 ** 20),
    jsHeapTotalMb: round(metric('JSHeapTotalSize') / 2 ** 20),
    domNodes: dom.nodes,
    layoutObjects: metric('LayoutObjects'),
    jsEventListeners: dom.jsEventListeners,
  }
}

/**
 * A Playwright page's memory after a full GC: its renderer's RSS, PSS and USS, and Chromium's own count
 * of what the page holds (JS heap, DOM nodes, layout objects, listeners).
 */
export const pageMemory = async (page: Page, browser: Browser) => {
  const pid = await playwrightRenderer(page, browser)
  const session = await page.context().newCDPSession(page)
  try {
    return await countedMemory((method) => session.send(method as 'Performance.enable'), pid)
  } finally {
    await session.detach()
  }
}
export type PageMemory = Awaited<ReturnType<typeof countedMemory>>

/** The same measures of a page in a context of its own, made by `open` and closed after. */
export const freshPageMemory = async (browser: Browser, open: (page: Page) => Promise<void>): Promise<PageMemory> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    await open(page)
    return await pageMemory(page, browser)
  } finally {
    await context.close()
  }
}

/** The median of each measure over the runs. */
export const medianMemory = (samples: PageMemory[]): PageMemory =>
  Object.fromEntries(
    Object.keys(samples[0]!).map((name) => [
      name,
      round(median(samples.map((sample) => sample[name as keyof PageMemory]))),
    ]),
  ) as PageMemory
