// What the simulator records: every request with its secrets redacted, the host and TLS name it was
// sent to, keys sent to the wrong provider, plain-HTTP attempts; and a stock fetch that trusts the CA.
import http from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { requestProvider, fingerprintSecret } from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { useSimulator } from './simulatorTestKit'

const session = useSimulator()

describe('recorded requests', () => {
  it('never hold a whole key, registered or not, in headers or path, but tell keys apart', async () => {
    const { simulator } = session
    const registered = fakeKeys.clipiaLive()
    const stranger = fakeKeys.clipiaLive()
    simulator.registerKey('clipia', { value: registered })
    await requestProvider(simulator, 'clipia', {
      headers: { Authorization: `Key ${registered}`, 'X-Debug': `copy ${registered}` },
    })
    await requestProvider(simulator, 'clipia', { headers: { 'X-Api-Key': stranger } })
    await requestProvider(simulator, 'clipia', { path: `/v1/account?api_key=${registered}` })
    const everything = JSON.stringify(simulator.requests)
    expect(everything).not.toContain(registered)
    expect(everything).not.toContain(stranger)
    const [first, second, third] = simulator.requests
    expect(first?.headers.authorization).toBe(
      `Key [REDACTED …${registered.slice(-4)} sha256:${fingerprintSecret(registered).sha256}]`,
    )
    expect(first?.headers['x-debug']).toContain('[REDACTED')
    expect(first?.credential).toEqual({
      scheme: 'key',
      fingerprint: fingerprintSecret(registered),
      registeredFor: 'clipia',
    })
    expect(second?.credential).toEqual({
      scheme: 'x-api-key',
      fingerprint: fingerprintSecret(stranger),
      registeredFor: null,
    })
    expect(third?.path).toMatch(/^\/v1\/account\?api_key=\[REDACTED/)
  })

  it('show none of a short key, not even its last four characters', async () => {
    const { simulator } = session
    await requestProvider(simulator, 'cloro', { headers: { Authorization: 'Bearer abc123' } })
    expect(JSON.stringify(simulator.requests)).not.toContain('abc123')
    expect(simulator.requests[0]?.credential.fingerprint?.last4).toBe('')
  })

  it('show a key sent to a provider it does not belong to', async () => {
    const { simulator } = session
    const cloduraKey = fakeKeys.clodura()
    simulator.registerKey('clodura', { value: cloduraKey })
    await requestProvider(simulator, 'airclou', { headers: { Authorization: `Bearer ${cloduraKey}` } })
    const misdirected = simulator.requests.filter(
      (request) => request.credential.registeredFor && request.credential.registeredFor !== request.provider,
    )
    expect(misdirected).toMatchObject([{ provider: 'airclou', credential: { registeredFor: 'clodura' } }])
  })

  it('answer 421 and show it when the Host or TLS name is another provider', async () => {
    const { simulator } = session
    const response = await requestProvider(simulator, 'clodura', { hostname: simulator.hostnames.clipia })
    expect(response.status).toBe(421)
    expect(simulator.requests[0]).toMatchObject({
      host: 'api.clipia.ai',
      servername: 'api.clipia.ai',
      hostMatches: false,
      reason: 'wrong-host',
    })
  })

  it('show plain HTTP sent to a provider, and plain HTTP sent to its TLS port', async () => {
    const { simulator } = session
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${simulator.plainHttpBaseUrls.clodura}/api/v1/credits`, (response) =>
          response.resume().on('end', resolve),
        )
        .on('error', reject)
    })
    expect(simulator.requests).toMatchObject([{ provider: 'clodura', protocol: 'http', status: 403 }])
    expect(simulator.requests.filter((request) => request.protocol === 'https')).toEqual([])

    const socket = connect(simulator.ports.clodura, '127.0.0.1', () =>
      socket.write('GET /api/v1/credits HTTP/1.1\r\nHost: api.clodura.ai\r\n\r\n'),
    )
    socket.on('error', () => undefined)
    await vi.waitFor(
      () => expect(simulator.handshakeFailures.map((failure) => failure.provider)).toContain('clodura'),
      { timeout: 5000 },
    )
    socket.destroy()
  })

  it('count answers by status per provider, and reset() empties records and restarts windows', async () => {
    const { simulator } = session
    const key = fakeKeys.clodura()
    simulator.registerKey('clodura', { value: key, plan: 'Starter' })
    await requestProvider(simulator, 'clodura', { headers: { 'X-API-KEY': key } })
    await requestProvider(simulator, 'clodura', { headers: { 'X-API-KEY': key } })
    expect(simulator.statusCounts().clodura).toEqual({ '200': 1, '429': 1 })
    simulator.reset()
    expect(simulator.requests).toEqual([])
    expect((await requestProvider(simulator, 'clodura', { headers: { 'X-API-KEY': key } })).status).toBe(200)
  })
})

interface UndiciModule {
  Agent: new (options: { connect: { ca: string } }) => { close(): Promise<void> }
  fetch: (url: string, init: Record<string, unknown>) => Promise<{ status: number; json(): Promise<unknown> }>
}
// undici is not a declared dependency (Electron's tooling brings it); the test runs when it is there.
const undiciModuleName = 'undici'
const undici = (await import(undiciModuleName).catch(() => null)) as UndiciModule | null

describe('a stock client', () => {
  it.skipIf(!undici)('verifies a key with fetch and an undici Agent that trusts only the simulator CA', async () => {
    const { simulator } = session
    const key = fakeKeys.airclouLive()
    simulator.registerKey('airclou', { value: key, permissions: ['read'] })
    const dispatcher = new undici!.Agent({ connect: { ca: simulator.caCertificatePem } })
    try {
      const response = await undici!.fetch(simulator.verifyUrls.airclou, {
        headers: { Authorization: `Bearer ${key}` },
        dispatcher,
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ valid: true, permissions: ['read'] })
    } finally {
      await dispatcher.close()
    }
  })
})
