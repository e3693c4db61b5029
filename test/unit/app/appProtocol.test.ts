import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  createAppProtocolHandler,
  resolveRendererPath,
} from '../../../main/app/appProtocol'
import { CONTENT_SECURITY_POLICY } from '../../../main/app/contentSecurityPolicy'
import { makeTempDirectory } from '../../support/tempVault'

const ROOT = '/opt/Keyward/resources/app.asar/out/renderer'

describe('resolveRendererPath', () => {
  it('maps app://keyward/ paths to files under the renderer folder', () => {
    expect(resolveRendererPath('app://keyward/index.html', ROOT)).toBe(join(ROOT, 'index.html'))
    expect(resolveRendererPath('app://keyward/', ROOT)).toBe(join(ROOT, 'index.html'))
    expect(resolveRendererPath('app://keyward', ROOT)).toBe(join(ROOT, 'index.html'))
    expect(resolveRendererPath('app://keyward/assets/index-BaxdYr1F.js', ROOT)).toBe(
      join(ROOT, 'assets', 'index-BaxdYr1F.js'),
    )
    expect(resolveRendererPath('app://keyward/index.html?x=1#/keys', ROOT)).toBe(join(ROOT, 'index.html'))
    expect(resolveRendererPath('app://keyward/assets/My%20Font.woff2', ROOT)).toBe(
      join(ROOT, 'assets', 'My Font.woff2'),
    )
  })

  it.each([
    'app://keyward/../../etc/passwd',
    'app://keyward/%2e%2e/%2e%2e/etc/passwd',
    'app://keyward/%2E%2E/%2E%2E/etc/passwd',
    'app://keyward/assets/../../../etc/passwd',
    'app://keyward/.%2e/.%2e/etc/passwd',
  ])('keeps %s inside the renderer folder (the URL parser resolves the dot segments)', (url) => {
    const resolved = resolveRendererPath(url, ROOT)
    if (resolved !== null) expect(resolved.startsWith(ROOT + sep)).toBe(true)
  })

  it.each([
    'app://keyward/..%2f..%2fetc%2fpasswd',
    'app://keyward/..%2F..%2Fetc%2Fpasswd',
    'app://keyward/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://keyward/..%5c..%5cetc%5cpasswd',
    'app://keyward/..\\..\\etc\\passwd',
    'app://keyward/%252e%252e%252fetc',
    'app://keyward/index.html%00.png',
    'app://keyward/%2fetc%2fpasswd',
    'app://keyward/.env',
    'app://keyward/assets/.hidden',
    'app://keyward/C:%5cWindows%5cwin.ini',
    'app://keyward/C:/Windows/win.ini',
    'app://keyward//etc/passwd',
    'app://keyward/assets/',
    'app://keyward/%E0%A4%A',
  ])('refuses %s', (url) => {
    const resolved = resolveRendererPath(url, ROOT)
    // Either refused outright or (double encoding) a literal, harmless file name inside the folder.
    if (resolved !== null) {
      expect(url).toContain('%25')
      expect(resolved.startsWith(ROOT + sep)).toBe(true)
    }
  })

  it.each([
    'app://other/index.html',
    'app://user:pass@keyward/index.html',
    'file:///etc/passwd',
    'https://keyward/index.html',
    'http://localhost:5173/index.html',
    'not a url',
  ])('refuses a URL outside the app origin: %s', (url) => {
    expect(resolveRendererPath(url, ROOT)).toBeNull()
  })
})

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/logo.PNG', 'image/png'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/data.json', 'application/json; charset=utf-8'],
    ['assets/module.wasm', 'application/wasm'],
    ['assets/unknown.bin', 'application/octet-stream'],
    ['LICENSE', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type)
  })
})

describe('the app:// protocol handler', () => {
  let temp: ReturnType<typeof makeTempDirectory>
  let root: string
  let fetched: string[]
  let handler: (request: Request) => Promise<Response>

  beforeEach(() => {
    temp = makeTempDirectory('keyward-protocol-')
    root = join(temp.directory, 'renderer')
    mkdirSync(join(root, 'assets'), { recursive: true })
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Keyward</title>')
    writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)')
    writeFileSync(join(temp.directory, 'secret.txt'), 'sk_live_outside')
    mkdirSync(join(root, 'folder.js'))
    symlinkSync(join(temp.directory, 'secret.txt'), join(root, 'assets', 'leak.js'))
    fetched = []
    handler = createAppProtocolHandler({
      rendererRoot: root,
      // Stands in for net.fetch of a file:// URL.
      fetchFile: async (fileUrl) => {
        fetched.push(fileUrl)
        return new Response(readFileSync(fileURLToPath(fileUrl)))
      },
    })
  })
  afterEach(() => temp.cleanup())

  it('serves the entry page with its type, the CSP and nosniff', async () => {
    const response = await handler(new Request(APP_ENTRY_URL))
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<title>Keyward</title>')
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })

  it('serves a script as JavaScript (module scripts need the right MIME type)', async () => {
    const response = await handler(new Request('app://keyward/assets/index.js'))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(await response.text()).toBe('console.log(1)')
  })

  it.each([
    'app://keyward/../secret.txt',
    'app://keyward/..%2fsecret.txt',
    'app://keyward/%2e%2e%2fsecret.txt',
    'app://keyward/..%5csecret.txt',
    'app://keyward/assets/leak.js',
    'app://keyward/missing.js',
    'app://keyward/folder.js',
    'app://keyward/assets/',
    'app://other/index.html',
  ])('answers 404 to %s without reading anything outside', async (url) => {
    const response = await handler(new Request(url))
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('sk_live_outside')
    for (const fileUrl of fetched) expect(fileURLToPath(fileUrl).startsWith(root + sep)).toBe(true)
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler(new Request('app://keyward/index.html', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const post = await handler(new Request('app://keyward/index.html', { method: 'POST', body: 'x' }))
    expect(post.status).toBe(405)
  })

  it('answers 404 when the file cannot be read', async () => {
    const failing = createAppProtocolHandler({
      rendererRoot: root,
      fetchFile: async () => {
        throw new Error('net::ERR_FILE_NOT_FOUND')
      },
    })
    expect((await failing(new Request(APP_ENTRY_URL))).status).toBe(404)
  })
})

describe('the app scheme registration', () => {
  it('is a standard, secure scheme that other origins cannot read and that does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app')
    const privileges: Record<string, unknown> = APP_SCHEME_PRIVILEGES.privileges
    expect(privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true })
    expect(privileges['bypassCSP']).toBeUndefined()
    expect(privileges['corsEnabled']).toBeUndefined()
    expect(privileges['allowServiceWorkers']).toBeUndefined()
  })
})
