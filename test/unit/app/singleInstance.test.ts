import { EventEmitter } from 'node:events'
import type { App, BrowserWindow } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  claimSingleInstance,
  focusWindow,
  type FocusableWindow,
  type SingleInstanceApp,
} from '../../../main/app/singleInstance'

/** The operating system's single-instance lock, shared by every launch of the fake app. */
class FakeLockRegistry {
  holder: FakeApp | null = null
}

class FakeApp extends EventEmitter implements SingleInstanceApp {
  quitCalls = 0

  constructor(private readonly registry: FakeLockRegistry) {
    super()
  }

  requestSingleInstanceLock(): boolean {
    if (this.registry.holder !== null && this.registry.holder !== this) {
      // Electron tells the first instance, with the second one's command line.
      this.registry.holder.emit(
        'second-instance',
        {},
        ['keyward', '--vault', '/elsewhere/vault.keyward'],
        '/home/someone',
      )
      return false
    }
    this.registry.holder = this
    return true
  }

  quit(): void {
    this.quitCalls += 1
  }
}

class FakeWindow implements FocusableWindow {
  readonly calls: string[] = []
  minimized = false
  destroyed = false

  isDestroyed(): boolean {
    return this.destroyed
  }
  isMinimized(): boolean {
    return this.minimized
  }
  restore(): void {
    this.minimized = false
    this.calls.push('restore')
  }
  show(): void {
    this.calls.push('show')
  }
  focus(): void {
    this.calls.push('focus')
  }
}

describe('one instance', () => {
  it('lets the first launch run and keep running', () => {
    const first = new FakeApp(new FakeLockRegistry())
    expect(claimSingleInstance(first, () => null)).toBe(true)
    expect(first.quitCalls).toBe(0)
  })

  it('quits a second launch, which must start nothing, and focuses the first one’s window', () => {
    const registry = new FakeLockRegistry()
    const first = new FakeApp(registry)
    const window = new FakeWindow()
    claimSingleInstance(first, () => window)

    const second = new FakeApp(registry)
    expect(claimSingleInstance(second, () => new FakeWindow())).toBe(false)
    expect(second.quitCalls).toBe(1)
    expect(second.listenerCount('second-instance')).toBe(0)
    expect(first.quitCalls).toBe(0)
    expect(window.calls).toEqual(['show', 'focus'])
  })

  it('restores a minimized window before focusing it', () => {
    const registry = new FakeLockRegistry()
    const window = new FakeWindow()
    window.minimized = true
    claimSingleInstance(new FakeApp(registry), () => window)
    claimSingleInstance(new FakeApp(registry), () => null)
    expect(window.calls).toEqual(['restore', 'show', 'focus'])
  })

  it('focuses whichever window is current at the time of the second launch', () => {
    const registry = new FakeLockRegistry()
    let current: FakeWindow | null = null
    claimSingleInstance(new FakeApp(registry), () => current)
    claimSingleInstance(new FakeApp(registry), () => null)
    current = new FakeWindow()
    claimSingleInstance(new FakeApp(registry), () => null)
    expect(current.calls).toEqual(['show', 'focus'])
  })

  it('does nothing when there is no window yet, or it was destroyed', () => {
    expect(() => focusWindow(null)).not.toThrow()
    const gone = new FakeWindow()
    gone.destroyed = true
    focusWindow(gone)
    expect(gone.calls).toEqual([])
  })

  it("accepts Electron's own app and BrowserWindow (checked by the type checker)", () => {
    const asApp = (app: App): SingleInstanceApp => app
    const asWindow = (window: BrowserWindow): FocusableWindow => window
    expect([asApp, asWindow]).toHaveLength(2)
  })
})
