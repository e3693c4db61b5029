// The one rule for where a key may be sent as a URL: https:// only, no user name or password in it.
import { describe, expect, it } from 'vitest'
import { HttpsUrl, checkHttpsUrl, isHttpsUrl } from '../../../main/providers/index'

describe('checkHttpsUrl', () => {
  it('accepts an https URL with a path and a port', () => {
    const checked = checkHttpsUrl('https://proxy.example:8443/clipia', 'A base URL')
    expect(checked.problem).toBeUndefined()
    expect(checked.url?.host).toBe('proxy.example:8443')
  })

  it.each([
    ['not a url', 'not_url', 'A base URL "not a url" is not a URL.'],
    [
      'http://api.example.com',
      'not_https',
      'A base URL must start with https://: Keyward never sends a key in the clear.',
    ],
    [
      'ftp://api.example.com',
      'not_https',
      'A base URL must start with https://: Keyward never sends a key in the clear.',
    ],
    ['https://user:pass@api.example.com', 'credentials', 'A base URL must not carry a user name or password.'],
    ['https://user@api.example.com', 'credentials', 'A base URL must not carry a user name or password.'],
  ])('refuses %s (%s) in words that say why', (text, kind, problem) => {
    expect(checkHttpsUrl(text, 'A base URL')).toEqual({ kind, problem })
    expect(isHttpsUrl(text)).toBe(false)
  })

  it('is the rule of a provider definition too', () => {
    expect(HttpsUrl.safeParse('https://api.example.com/v1/me').success).toBe(true)
    expect(HttpsUrl.safeParse('http://api.example.com/v1/me').success).toBe(false)
    expect(HttpsUrl.safeParse('https://me:secret@api.example.com/v1/me').success).toBe(false)
  })
})
