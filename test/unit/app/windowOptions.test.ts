import { describe, expect, it } from 'vitest'
import { createWindowOptions, DARK_BACKGROUND, LIGHT_BACKGROUND } from '../../../main/app/windowOptions'

describe('the main window options', () => {
  const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs', dark: false })
  const web = options.webPreferences ?? {}

  it('loads the bundled preload', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs')
  })

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
    ['disableBlinkFeatures', 'Auxclick'],
  ] as const)('sets %s to %s explicitly', (flag, value) => {
    expect(web).toHaveProperty(flag, value)
  })

  it('never enables Blink features or a custom session by accident', () => {
    expect(web.enableBlinkFeatures).toBeUndefined()
    expect(web.partition).toBeUndefined()
    expect(web.additionalArguments).toBeUndefined()
  })

  it('keeps DevTools off unless asked (development builds only)', () => {
    expect(web.devTools).toBe(false)
    const development = createWindowOptions({ preloadPath: '/p.cjs', dark: false, devTools: true })
    expect(development.webPreferences?.devTools).toBe(true)
    // Asking for DevTools changes nothing else.
    expect({ ...development.webPreferences, devTools: false }).toEqual({ ...web, preload: '/p.cjs' })
  })

  it('stays hidden until the page is ready and paints the theme background', () => {
    expect(options.show).toBe(false)
    expect(options.backgroundColor).toBe(LIGHT_BACKGROUND)
    expect(createWindowOptions({ preloadPath: '/p.cjs', dark: true }).backgroundColor).toBe(DARK_BACKGROUND)
  })
})
