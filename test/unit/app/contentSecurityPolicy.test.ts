import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../../main/app/contentSecurityPolicy'
import { createAppProtocolHandler } from '../../../main/app/appProtocol'

const repositoryRoot = join(__dirname, '..', '..', '..')

/** The content of renderer/index.html's CSP meta tag, or null when there is none. */
const metaPolicy = (html: string): string | null => {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/http-equiv\s*=\s*["']Content-Security-Policy["']/i.test(tag)) continue
    const content = /\bcontent\s*=\s*"([^"]*)"/i.exec(tag) ?? /\bcontent\s*=\s*'([^']*)'/i.exec(tag)
    return (
      content?.[1]
        ?.replace(/&#39;|&apos;/g, "'")
        .replace(/\s+/g, ' ')
        .trim() ?? null
    )
  }
  return null
}

describe('the Content-Security-Policy', () => {
  it('is the one agreed for the renderer', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    )
  })

  it('allows no inline script, eval or remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|https?:|\*/)
  })

  it("equals renderer/index.html's meta tag", () => {
    const html = readFileSync(join(repositoryRoot, 'renderer', 'index.html'), 'utf8')
    expect(metaPolicy(html)).toBe(CONTENT_SECURITY_POLICY)
  })

  it('is sent as a header on every app:// response, found or not', async () => {
    const handler = createAppProtocolHandler({
      rendererRoot: join(repositoryRoot, 'renderer'),
      fetchFile: async () => new Response('<!doctype html>'),
    })
    for (const url of ['app://keyward/index.html', 'app://keyward/missing.js', 'app://keyward/..%2fsecret']) {
      const response = await handler(new Request(url))
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    }
  })
})
