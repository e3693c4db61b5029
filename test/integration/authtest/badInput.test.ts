// What a user sees when the key, the settings or the provider misbehave: a clear outcome every time,
// nothing sent for a key that cannot be tested, the body read capped, and the key never sent over
// plain HTTP, to another host, or along a redirect.
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { AuthTester, HttpsTransport, MAX_ANSWER_BYTES } from '../../../main/authtest/index'
import { findProvider } from '../../../main/providers/index'
import { generateTestCertificates, type KeyBehaviour, type ProviderId } from '../../simulator/index'
import { useAuthTestBench } from './authTestKit'

const bench = useAuthTestBench()

const withBehaviour = (provider: ProviderId, behaviour: KeyBehaviour) => bench.registered(provider, { behaviour })
const listenOn = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

describe('a provider that never answers', () => {
  it('gives network_error when the timeout passes, promptly', async () => {
    const started = Date.now()
    const result = await bench.testKey(withBehaviour('airclou', 'timeout'), {
      tester: bench.newTester({ timeoutMilliseconds: 300 }),
    })
    expect(result).toMatchObject({ outcome: 'network_error', httpStatus: null, attempts: 1 })
    expect(result.reason).toMatch(/^No answer from 127\.0\.0\.1:\d+ within 0\.3 s: the provider or the network is down/)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(result.latencyMilliseconds).toBeGreaterThanOrEqual(290)
  })

  it('stops waiting at once when the test is canceled', async () => {
    const controller = new AbortController()
    const pending = bench
      .newTester({ timeoutMilliseconds: 10_000 })
      .test(withBehaviour('clipia', 'timeout'), findProvider('clipia'), bench.settingsFor('clipia'), {
        maxWaitMilliseconds: 0,
        signal: controller.signal,
      })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const started = Date.now()
    controller.abort(new Error('canceled'))
    await expect(pending).rejects.toThrow('canceled')
    expect(Date.now() - started).toBeLessThan(500)
  })
})

describe('a connection that fails', () => {
  it('dropped after the request: network_error', async () => {
    const result = await bench.testKey(withBehaviour('clodura', 'connection-reset'))
    expect(result.outcome).toBe('network_error')
    expect(result.reason).toMatch(/closed the connection/)
  })

  it('refused: network_error that points at the base URL', async () => {
    const server = createServer()
    const port = await listenOn(server)
    await closeServer(server)
    const result = await bench.testKey(bench.registered('airclou'), {
      settings: { baseUrl: `https://127.0.0.1:${port}`, extraCa: null },
    })
    expect(result).toMatchObject({
      outcome: 'network_error',
      reason: `127.0.0.1:${port} refused the connection: the service is down or the base URL is wrong.`,
    })
  })

  it('a certificate not trusted (no extra CA): network_error, and the key is never sent', async () => {
    const key = bench.registered('airclou')
    const result = await bench.testKey(key, { settings: { baseUrl: bench.simulator.baseUrls.airclou, extraCa: null } })
    expect(result.outcome).toBe('network_error')
    expect(result.reason).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ is not trusted .*add its CA certificate/)
    expect(bench.simulator.requests).toEqual([])
    await vi.waitFor(() => expect(bench.simulator.handshakeFailures.length).toBeGreaterThan(0))
  })
})

describe('answers no rule knows', () => {
  it.each<[ProviderId, KeyBehaviour, RegExp]>([
    ['clipia', 'html', /^200: the answer was an HTML page, not the provider's API/],
    ['agentclara', 'html-502', /^502: a gateway or the provider failed and sent an HTML error page/],
    ['airclou', 'unknown-shape', /^200: an answer Keyward does not recognise for this provider/],
    ['clodura', 'unknown-shape', /^200: an answer Keyward does not recognise/],
    ['clipia', 'unknown-shape', /^200: an answer Keyward does not recognise/],
    ['agentclara', 'unknown-shape', /^200: an answer Keyward does not recognise/],
    ['cloro', 'unknown-status', /^418: an answer Keyward does not recognise/],
    ['clodura', 'unknown-status', /^418: an answer Keyward does not recognise/],
  ])('%s %s → unknown', async (provider, behaviour, reason) => {
    const result = await bench.testKey(withBehaviour(provider, behaviour))
    expect(result.outcome).toBe('unknown')
    expect(result.reason).toMatch(reason)
    expect(result.facts).toEqual({})
  })

  it.each<[KeyBehaviour]>([['huge-body'], ['huge-body-chunked']])(
    'a 10 MiB body (%s) → unknown, read no further than the cap',
    async (behaviour) => {
      const before = process.memoryUsage().arrayBuffers
      const started = Date.now()
      const result = await bench.testKey(withBehaviour('cloro', behaviour))
      expect(result.outcome).toBe('unknown')
      expect(result.reason).toMatch(/^200: the answer was larger than Keyward reads from a verify call \(256 KiB\)/)
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 * MAX_ANSWER_BYTES + 1024 * 1024)
    },
  )

  it("Cloro's unknown shape is valid: its docs give no body, so any 200 JSON from the user's verify URL counts", async () => {
    expect((await bench.testKey(withBehaviour('cloro', 'unknown-shape'))).outcome).toBe('valid')
  })
})

describe('a redirect', () => {
  it('is not followed: unknown, with the reason, and the key never reaches the other host', async () => {
    const certificates = generateTestCertificates({ names: ['127.0.0.1', 'localhost'] })
    const tls = { cert: certificates.serverCertificatePem, key: certificates.serverPrivateKeyPem }
    const elsewhereHits: string[] = []
    const elsewhere = createServer(tls, (request, response) => {
      elsewhereHits.push(String(request.headers.authorization))
      response.end('{}')
    })
    const elsewherePort = await listenOn(elsewhere)
    const redirecting = createServer(tls, (_request, response) => {
      response.writeHead(302, { Location: `https://localhost:${elsewherePort}/collect` })
      response.end()
    })
    const port = await listenOn(redirecting)
    try {
      const result = await bench.testKey(bench.keyFor('airclou'), {
        settings: { baseUrl: `https://127.0.0.1:${port}`, extraCa: certificates.caCertificatePem },
      })
      expect(result).toMatchObject({ outcome: 'unknown', httpStatus: 302 })
      expect(result.reason).toBe(
        `302: the provider redirected to localhost:${elsewherePort}. Keyward does not follow redirects with a key; check the base URL or the verify URL.`,
      )
      expect(elsewhereHits).toEqual([])
    } finally {
      await Promise.all([closeServer(redirecting), closeServer(elsewhere)])
    }
  })
})

describe('keys that cannot be tested', () => {
  it.each([
    ['no provider', { provider: null }, /has no provider/],
    ['an unknown provider', { provider: 'acme' }, /does not know the provider "acme"/],
    ['an empty value', { value: '' }, /has an empty value/],
    [
      "a verify URL on another provider's host",
      { verifyUrl: 'https://api.clipia.ai/v1/account' },
      /sends Airclou keys only to app\.airclou\.com/,
    ],
    [
      'a verify URL over plain HTTP',
      { verifyUrl: 'http://app.airclou.com/playbook/api/v1/auth/verify' },
      /must start with https:\/\//,
    ],
  ])('%s: not_testable, nothing sent', async (_case, fields, message) => {
    const key = bench.keyFor('airclou', fields)
    const tester = bench.newTester()
    await expect(
      tester.test(key, key.provider ? findProvider(key.provider) : undefined, bench.settingsFor('airclou'), {
        maxWaitMilliseconds: 0,
      }),
    ).rejects.toMatchObject({
      code: 'not_testable',
      message: expect.stringMatching(message),
    })
    expect(bench.simulator.requests).toEqual([])
  })

  it('a plain-HTTP base URL: not_testable, and the plain listener never hears from it', async () => {
    const key = bench.registered('clodura')
    await expect(
      bench.testKey(key, { settings: { baseUrl: bench.simulator.plainHttpBaseUrls.clodura, extraCa: null } }),
    ).rejects.toMatchObject({ code: 'not_testable' })
    expect(bench.simulator.requests).toEqual([])
  })
})

describe('where keys go', () => {
  it("each provider's key goes only to its own simulated host, over HTTPS, by GET, and nothing is spent", async () => {
    const providers: ProviderId[] = ['clodura', 'cloro', 'agentclara', 'airclou', 'clipia']
    const transport = new HttpsTransport()
    const tester = new AuthTester({ clock: bench.clock, transport })
    try {
      for (const provider of providers) {
        const key = bench.registered(provider)
        expect((await bench.testKey(key, { tester })).outcome).toBe('valid')
      }
    } finally {
      transport.close()
    }
    expect(bench.simulator.requests).toHaveLength(providers.length)
    for (const record of bench.simulator.requests) {
      expect(record).toMatchObject({
        protocol: 'https',
        method: 'GET',
        hostMatches: true,
        sideEffect: null,
        bodyBytes: 0,
      })
      expect(record.credential.registeredFor).toBe(record.provider)
    }
    expect(bench.simulator.requests.map((record) => record.path)).toEqual([
      '/api/v1/credits',
      '/v1/me',
      '/conversations?limit=1',
      '/playbook/api/v1/auth/verify',
      '/v1/account',
    ])
  })
})
