import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { buildMenuTemplate } from '../../../main/app/menu'

const roles = (template: MenuItemConstructorOptions[]): string[] =>
  template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ])

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('has the edit roles copy and paste need on %s', (platform) => {
    const found = roles(buildMenuTemplate({ platform, isDevelopment: false }))
    for (const role of ['cut', 'copy', 'paste', 'selectAll', 'undo', 'redo']) expect(found).toContain(role)
  })

  it.each(['linux', 'win32', 'darwin'] as const)('has no reload or DevTools in a packaged build on %s', (platform) => {
    const found = roles(buildMenuTemplate({ platform, isDevelopment: false }))
    expect(found).not.toContain('reload')
    expect(found).not.toContain('forceReload')
    expect(found).not.toContain('toggleDevTools')
  })

  it('offers reload in development', () => {
    expect(roles(buildMenuTemplate({ platform: 'linux', isDevelopment: true }))).toContain('reload')
  })

  it.each(['linux', 'win32', 'darwin'] as const)('offers "Install the keyward command…" on %s', (platform) => {
    let clicked = 0
    const template = buildMenuTemplate({ platform, isDevelopment: false, onInstallCommand: () => (clicked += 1) })
    const file = template.find((item) => item.label === 'File')
    const item = (file!.submenu as MenuItemConstructorOptions[]).find(
      (entry) => entry.label === 'Install the keyward command…',
    )
    ;(item!.click as () => void)()
    expect(clicked).toBe(1)
    expect(roles(template)).toContain(platform === 'darwin' ? 'appMenu' : 'quit')
  })
})
