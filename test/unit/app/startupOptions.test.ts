import { describe, expect, it } from 'vitest'
import { parseDevServerUrl } from '../../../main/app/devServer'
import { vaultArgumentFrom } from '../../../main/app/vaultLocation'

describe('the dev server URL', () => {
  it('is used only in an unpackaged run, on loopback http', () => {
    expect(parseDevServerUrl('http://localhost:5173', false)).toBe('http://localhost:5173/')
    expect(parseDevServerUrl('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173/')
    expect(parseDevServerUrl('http://localhost:5173', true)).toBeNull()
    expect(parseDevServerUrl(undefined, false)).toBeNull()
    expect(parseDevServerUrl('', false)).toBeNull()
  })

  it.each([
    'https://evil.example/',
    'http://192.168.1.5:5173/',
    'http://localhost.evil.example/',
    'file:///tmp/index.html',
    'http://u:p@localhost:5173/',
    'nonsense',
  ])('is refused when set to %s', (value) => {
    expect(parseDevServerUrl(value, false)).toBeNull()
  })
})

describe('the --vault argument', () => {
  it('reads --vault PATH and --vault=PATH', () => {
    expect(vaultArgumentFrom(['/opt/Keyward/keyward', '--vault', '/data/team.keyward'])).toBe('/data/team.keyward')
    expect(vaultArgumentFrom(['electron', '.', '--vault=/data/team.keyward'])).toBe('/data/team.keyward')
  })

  it('answers undefined when it is absent or has no value', () => {
    expect(vaultArgumentFrom(['/opt/Keyward/keyward'])).toBeUndefined()
    expect(vaultArgumentFrom(['keyward', '--vault'])).toBeUndefined()
    expect(vaultArgumentFrom(['keyward', '--vault='])).toBeUndefined()
    expect(vaultArgumentFrom(['keyward', '--vault', '--no-sandbox'])).toBeUndefined()
    expect(vaultArgumentFrom(['keyward', '--', '--vault', '/x'])).toBeUndefined()
    expect(vaultArgumentFrom(['keyward', '--vaults', '/x'])).toBeUndefined()
  })
})
