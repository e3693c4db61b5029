// The simulator's TLS: a throwaway CA made at test time, a server certificate naming every provider
// host and 127.0.0.1, trusted only by a client given the CA, and refused by one that is not.
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import {
  generateTestCertificates,
  requestProvider,
  simulatedProviders,
  SimulatorRequestError,
} from '../../simulator/index'
import { fakeKeys } from '../../support/fakeKeys'
import { useSimulator } from './simulatorTestKit'

const session = useSimulator()

describe('the generated certificates', () => {
  it('chain a server certificate for every simulated host and loopback to a fresh CA', () => {
    const certificates = generateTestCertificates({ names: ['api.clodura.ai', 'app.airclou.com', '127.0.0.1', '::1'] })
    const ca = new X509Certificate(certificates.caCertificatePem)
    const server = new X509Certificate(certificates.serverCertificatePem)
    expect(ca.ca).toBe(true)
    expect(server.ca).toBe(false)
    expect(server.checkIssued(ca)).toBe(true)
    expect(server.verify(ca.publicKey)).toBe(true)
    expect(server.checkHost('app.airclou.com')).toBe('app.airclou.com')
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(server.checkHost('api.clipia.ai')).toBeUndefined()
    expect(new Date(server.validTo).getTime()).toBeGreaterThan(Date.now())
  })

  it('are new on every run, so no test trusts a CA another run made', () => {
    const first = generateTestCertificates({ names: ['localhost'] })
    const second = generateTestCertificates({ names: ['localhost'] })
    expect(first.caCertificatePem).not.toBe(second.caCertificatePem)
  })
})

describe('connecting to the simulator', () => {
  it('verifies under each provider real host name as servername', async () => {
    const { simulator } = session
    for (const provider of simulatedProviders) {
      const response = await requestProvider(simulator, provider, { hostname: simulator.hostnames[provider] })
      expect(response.status).toBe(401) // no key sent: the TLS part is what this test is about
    }
    expect(simulator.requests.map((request) => request.servername)).toEqual(
      simulatedProviders.map((provider) => simulator.hostnames[provider]),
    )
    expect(simulator.handshakeFailures).toEqual([])
  })

  it('verifies on the plain https://127.0.0.1:PORT base URLs, without any servername', async () => {
    const { simulator } = session
    const key = fakeKeys.clipiaLive()
    simulator.registerKey('clipia', { value: key })
    const response = await requestProvider(simulator, 'clipia', {
      hostname: null,
      headers: { Authorization: `Bearer ${key}` },
    })
    expect(response.status).toBe(200)
    expect(simulator.baseUrls.clipia).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(simulator.requests[0]).toMatchObject({
      servername: null,
      host: `127.0.0.1:${simulator.ports.clipia}`,
      hostMatches: true,
    })
  })

  it('is refused by a client that does not trust the simulator CA, and the failed handshake is recorded', async () => {
    const { simulator } = session
    const failure = await requestProvider(simulator, 'airclou', { ca: null }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(SimulatorRequestError)
    expect((failure as SimulatorRequestError).code).toBe('network')
    expect(simulator.requests).toEqual([])
    await vi.waitFor(() => expect(simulator.handshakeFailures.map((entry) => entry.provider)).toContain('airclou'), {
      timeout: 5000,
    })
  })

  it('writes the CA to caPath for clients that take a file', () => {
    const { simulator } = session
    expect(readFileSync(simulator.caPath, 'utf8')).toBe(simulator.caCertificatePem)
    expect(simulator.caCertificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n/)
  })
})
