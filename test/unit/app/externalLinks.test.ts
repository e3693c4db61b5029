import { describe, expect, it } from 'vitest'
import {
  decideWindowOpen,
  EXTERNAL_LINK_HOSTS,
  isAllowedExternalLink,
  isAllowedNavigation,
} from '../../../main/app/externalLinks'

describe('navigation', () => {
  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'https://github.com/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'chrome://settings',
    '',
  ])('is denied to %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false)
  })

  it("stays allowed only on the app's own pages", () => {
    expect(isAllowedNavigation('app://keyward/index.html')).toBe(true)
    expect(isAllowedNavigation('app://keyward/')).toBe(true)
  })

  it('allows the dev server only when given explicitly', () => {
    expect(isAllowedNavigation('http://localhost:5173/', { devServerUrl: 'http://localhost:5173/' })).toBe(true)
    expect(isAllowedNavigation('http://localhost:5173/')).toBe(false)
  })
})

describe('window.open', () => {
  it('never opens a window', () => {
    for (const url of [
      'https://github.com/keyward',
      'https://evil.example/',
      'app://keyward/index.html',
      'about:blank',
    ]) {
      expect(decideWindowOpen(url).action).toBe('deny')
    }
  })

  it('sends allowlisted https links to the system browser', () => {
    expect(decideWindowOpen('https://github.com/keyward/keyward')).toEqual({ action: 'deny', openExternally: true })
    expect(decideWindowOpen('https://dashboard.stripe.com/apikeys')).toEqual({ action: 'deny', openExternally: true })
  })

  it.each([
    'https://evil.example/',
    'http://github.com/',
    'https://github.com.evil.example/',
    'https://evilgithub.com/',
    'https://gist.github.com/',
    'https://user:pass@github.com/',
    'https://github.com:8443/',
    'file:///etc/passwd',
    'smb://github.com/share',
    'javascript:alert(1)',
    'app://keyward/index.html',
    'not a url',
  ])('keeps %s out of the browser too', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: false })
  })

  it('matches allowlisted hosts exactly, case-insensitively', () => {
    expect(isAllowedExternalLink('https://GitHub.com/x')).toBe(true)
    expect(isAllowedExternalLink('https://docs.example/', ['docs.example'])).toBe(true)
    expect(isAllowedExternalLink('https://github.com/', [])).toBe(false)
  })

  it('keeps the allowlist to https host names without wildcards', () => {
    for (const host of EXTERNAL_LINK_HOSTS) expect(host).toMatch(/^[a-z0-9.-]+$/)
  })
})
