import { describe, expect, it } from 'vitest'
import { createSenderCheck, isAppUrl, isTrustedFrame, type SenderFrameLike } from '../../../main/ipc/senderCheck'

const mainFrame = (url: string): SenderFrameLike => ({ url, parent: null })
const subFrame = (url: string, parentUrl = 'app://keyward/index.html'): SenderFrameLike => ({
  url,
  parent: mainFrame(parentUrl),
})

describe('the IPC sender check', () => {
  const trusted = createSenderCheck()

  it('trusts the main frame of a page served from app://keyward/', () => {
    expect(trusted({ senderFrame: mainFrame('app://keyward/index.html') })).toBe(true)
    expect(trusted({ senderFrame: mainFrame('app://keyward/') })).toBe(true)
    expect(trusted({ senderFrame: mainFrame('app://keyward/index.html#/keys?id=1') })).toBe(true)
  })

  it('refuses a subframe, even one served from the app origin', () => {
    expect(trusted({ senderFrame: subFrame('app://keyward/index.html') })).toBe(false)
    expect(trusted({ senderFrame: subFrame('https://evil.example/') })).toBe(false)
  })

  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///opt/keyward/out/renderer/index.html',
    'app://other/index.html',
    'app://keyward.evil.example/index.html',
    'app://user:pass@keyward/index.html',
    'application://keyward/index.html',
    'data:text/html,<script>1</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('refuses a main frame at %s', (url) => {
    expect(trusted({ senderFrame: mainFrame(url) })).toBe(false)
  })

  it('refuses an event with no frame (destroyed or navigated away)', () => {
    expect(trusted({ senderFrame: null })).toBe(false)
    expect(trusted({})).toBe(false)
    expect(isTrustedFrame(undefined)).toBe(false)
  })

  it('refuses when reading the frame throws', () => {
    const event = {
      get senderFrame(): SenderFrameLike {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
    }
    expect(trusted(event)).toBe(false)
  })

  it('trusts the dev server only when it is given explicitly, and only its exact origin', () => {
    const development = createSenderCheck({ devServerUrl: 'http://localhost:5173/' })
    expect(development({ senderFrame: mainFrame('http://localhost:5173/') })).toBe(true)
    expect(development({ senderFrame: mainFrame('http://localhost:5173/index.html') })).toBe(true)
    expect(development({ senderFrame: mainFrame('http://localhost:5174/') })).toBe(false)
    expect(development({ senderFrame: mainFrame('https://localhost:5173/') })).toBe(false)
    expect(development({ senderFrame: mainFrame('http://127.0.0.1:5173/') })).toBe(false)
    expect(development({ senderFrame: subFrame('http://localhost:5173/', 'http://localhost:5173/') })).toBe(false)
    // Without the option the dev server is just another http origin.
    expect(trusted({ senderFrame: mainFrame('http://localhost:5173/') })).toBe(false)
  })

  it('never trusts a non-http dev server setting', () => {
    expect(isAppUrl('file:///tmp/index.html', { devServerUrl: 'file:///tmp/' })).toBe(false)
  })
})
