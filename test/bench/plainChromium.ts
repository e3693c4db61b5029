// A Chromium driven over the DevTools pipe with no Network domain enabled, for the UI benchmark's
// memory rows. Playwright enables Network on every page, and Chromium's network agent then keeps
// response bodies for Network.getResponseBody: at 10,000 keys the harness's 4.3 MB JSON answers leave
// the renderer holding ~200 MB the app never asked for. Electron's IPC has no such copies, so the
// memory of the page itself is measured here, without the agent.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/chromiumFlags'

type Answer = { id?: number; result?: Record<string, unknown>; error?: { message: string } }

export interface PlainChromium {
  /** A DevTools command to the browser, or to a page's session. */
  send<T = Record<string, unknown>>(method: string, params?: object, sessionId?: string): Promise<T>
  close(): Promise<void>
}

export const launchPlainChromium = (): PlainChromium => {
  const profile = mkdtempSync(join(tmpdir(), 'keyward-plain-chromium-'))
  const child = spawn(
    CHROMIUM_EXECUTABLE,
    [...CHROMIUM_ARGS, '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  )
  const toBrowser = child.stdio[3] as Writable
  const fromBrowser = child.stdio[4] as Readable
  const waiting = new Map<number, (answer: Answer) => void>()
  let nextId = 1
  let pending = ''
  fromBrowser.on('data', (chunk: Buffer) => {
    // Messages are JSON, each ended by a NUL byte.
    const parts = (pending + chunk.toString('utf8')).split('\0')
    pending = parts.pop()!
    for (const part of parts) {
      const answer = JSON.parse(part) as Answer
      if (answer.id !== undefined) waiting.get(answer.id)?.(answer)
    }
  })
  return {
    send: <T>(method: string, params: object = {}, sessionId?: string) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++
        waiting.set(id, (answer) => {
          waiting.delete(id)
          if (answer.error) reject(new Error(`${method}: ${answer.error.message}`))
          else resolve(answer.result as T)
        })
        toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`)
      }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill()
      await exited
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** A page of a plain Chromium: its session, and a way to run an expression in it. */
export interface PlainPage {
  sessionId: string
  evaluate<T>(expression: string): Promise<T>
  close(): Promise<void>
}

export const openPlainPage = async (chromium: PlainChromium, url: string): Promise<PlainPage> => {
  const { targetId } = await chromium.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })
  const { sessionId } = await chromium.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
  await chromium.send(
    'Emulation.setDeviceMetricsOverride',
    { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false },
    sessionId,
  )
  await chromium.send('Page.navigate', { url }, sessionId)
  const evaluate = async <T>(expression: string) => {
    const { result } = await chromium.send<{ result: { value: T } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    )
    return result.value
  }
  return { sessionId, evaluate, close: () => chromium.send('Target.closeTarget', { targetId }).then(() => undefined) }
}

/** Waits until `selector` matches in the page (polled; these pages answer in well under the limit). */
export const waitForSelector = async (page: PlainPage, selector: string): Promise<void> => {
  for (let tries = 0; tries < 600; tries++) {
    if (await page.evaluate<boolean>(`document.querySelector(${JSON.stringify(selector)}) !== null`)) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Timed out waiting for ${selector}`)
}

/** Ctrl+digit as the keyboard sends it, through the page's input pipeline. */
export const pressControlDigit = async (chromium: PlainChromium, page: PlainPage, digit: number): Promise<void> => {
  const key = { key: String(digit), code: `Digit${digit}`, windowsVirtualKeyCode: 48 + digit, modifiers: 2 }
  await chromium.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }, page.sessionId)
  await chromium.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }, page.sessionId)
}
