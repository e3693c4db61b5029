// A real vault on disk with a hand-moved clock, the rotation service on it, and a scripted test of
// new values (what the provider would answer), for the rotation integration tests.
import type { TestToRecord } from '../../../main/vault/index'
import { createVault, openVault, type OpenVault } from '../../../main/vault/index'
import { RotationService, type TestValue } from '../../../main/rotation-service/index'
import { ManualClock } from '../../support/manualClock'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'

export const DAY = 86_400_000
export const PASSWORD = 'rotation password'

export const validAnswer = (testedAt: string, facts: TestToRecord['facts'] = {}): TestToRecord => ({
  testedAt,
  outcome: 'valid',
  reason: 'The provider accepted the key.',
  providerMessage: null,
  httpStatus: 200,
  latencyMilliseconds: 42,
  attempts: 1,
  nextTestAt: null,
  facts,
})

export class ScriptedValueTests {
  readonly calls: { keyId: string; value: string }[] = []
  private readonly answers: (TestToRecord | Error | ((value: string) => TestToRecord))[] = []

  answerNext(answer: TestToRecord | Error | ((value: string) => TestToRecord)): void {
    this.answers.push(answer)
  }

  readonly testValue: TestValue = async (keyId, value) => {
    this.calls.push({ keyId, value })
    const answer = this.answers.shift()
    if (!answer) throw new Error('no scripted answer')
    if (answer instanceof Error) throw answer
    return typeof answer === 'function' ? answer(value) : answer
  }
}

export interface RotationWorld {
  clock: ManualClock
  vaultPath: string
  directory: string
  vault: () => OpenVault
  service: RotationService
  tests: ScriptedValueTests
  /** Closes and opens the vault again, as after a restart (a new service on the new handle). */
  reopen(): Promise<void>
  close(): void
  cleanup(): void
}

export const createRotationWorld = async (start = Date.UTC(2026, 0, 1, 9, 0, 0)): Promise<RotationWorld> => {
  const temp = makeTempDirectory('keyward-rotation-')
  const clock = new ManualClock(start)
  const vaultPath = tempVaultPath(temp.directory)
  const options = { kdfCost: TEST_KDF_COST, now: () => new Date(clock.now()) }
  let current: OpenVault | null = await createVault(vaultPath, PASSWORD, options)
  const tests = new ScriptedValueTests()
  const world: RotationWorld = {
    clock,
    vaultPath,
    directory: temp.directory,
    vault: () => {
      if (!current) throw new Error('vault closed')
      return current
    },
    service: new RotationService({ openVault: () => world.vault(), clock, testValue: tests.testValue }),
    tests,
    async reopen() {
      current?.close()
      current = await openVault(vaultPath, PASSWORD, options)
      world.service = new RotationService({ openVault: () => world.vault(), clock, testValue: tests.testValue })
    },
    close() {
      current?.close()
      current = null
    },
    cleanup() {
      current?.close()
      current = null
      temp.cleanup()
    },
  }
  return world
}
