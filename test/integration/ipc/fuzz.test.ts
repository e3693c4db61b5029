// Property: whatever the renderer sends, every contract method answers a value or a clear error,
// nothing throws across the bridge, a refused call changes nothing, and the file stays sound.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES, methodNames } from '#contract'
import {
  createHandlers,
  createServices,
  disposeServices,
  invokeMethod,
  type Handlers,
  type MainServices,
} from '../../../main/ipc/handlers'
import { bridgeCalls } from '../../support/bridgeCalls'
import { fakeKeys } from '../../support/fakeKeys'
import { MemoryClipboard } from '../../support/memoryClipboard'
import { openOwnerDatabase } from '../../support/ownerDatabase'
import { ScriptedDialogs } from '../../support/scriptedDialogs'
import { ScriptedConfirmations } from '../../support/scriptedConfirmations'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'

const PASSWORD = 'fuzzing master password'
let temp: ReturnType<typeof makeTempDirectory>
let services: MainServices
let handlers: Handlers
const { call } = bridgeCalls(() => handlers)

beforeAll(async () => {
  temp = makeTempDirectory()
  // Dialogs answer Cancel, so a fuzzed import or export never touches a file.
  services = createServices({
    vaultPath: tempVaultPath(temp.directory),
    clipboard: new MemoryClipboard(),
    dialogs: new ScriptedDialogs(),
    confirmations: new ScriptedConfirmations(),
    kdfCost: TEST_KDF_COST,
  })
  handlers = createHandlers(services)
  await call('createVault', { password: PASSWORD })
  for (let index = 0; index < 5; index += 1)
    await call('addKey', { name: `key ${index}`, value: fakeKeys.clipiaLive(), tags: ['t'] })
})
afterAll(async () => {
  await disposeServices(services)
  temp.cleanup()
})

const snapshot = async (): Promise<string> => {
  // An accepted startTestRun or startScan works in the background and records its results later: let
  // it finish first, so that what a refused call is compared against is not still moving.
  await Promise.all([services.keyTests.settled(), services.scans.settled()])
  if (services.session.status().state !== 'unlocked') await call('unlockVault', { password: PASSWORD })
  const keys = await call('listKeys', { limit: 1000 })
  const versions = await Promise.all(keys.keys.map((key) => call('listKeyVersions', { id: key.id })))
  return JSON.stringify({ keys: keys.keys, versions })
}

/** Arguments of every shape: JSON-like values, big strings, deep objects, prototype tricks. */
const anyArgument = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withBigInt: false,
    withBoxedValues: false,
    withMap: false,
    withSet: false,
    withTypedArray: false,
  }),
  fc.record({ id: fc.string(), name: fc.string(), value: fc.string(), password: fc.string() }, { requiredKeys: [] }),
  fc.record({ id: fc.string(), changes: fc.dictionary(fc.string(), fc.anything({ maxDepth: 1 })) }),
  fc.constant({ name: 'x', value: 'v'.repeat(70_000) }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "id": "x"}')),
)

describe('fuzzing the bridge', () => {
  it('answers every method with a value or a clear error, and a refused call changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methodNames), anyArgument, async (name, argument) => {
        const before = await snapshot()
        const result = await invokeMethod(handlers, name, argument)
        expect(typeof result.ok).toBe('boolean')
        if (!result.ok) {
          expect(ERROR_CODES).toContain(result.error.code)
          expect(result.error.code).not.toBe('internal')
          expect(result.error.message.length).toBeGreaterThan(0)
          expect(await snapshot()).toBe(before)
        }
      }),
      { numRuns: 400, seed: 20261122 },
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  }, 120_000)

  it('leaves a file that passes SQLite integrity_check', async () => {
    const vaultPath = tempVaultPath(temp.directory)
    await call('lockVault')
    const database = await openOwnerDatabase(vaultPath, PASSWORD)
    try {
      expect(database.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(database.pragma('foreign_key_check')).toEqual([])
    } finally {
      database.close()
    }
  })
})
