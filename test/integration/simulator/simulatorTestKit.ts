// Starts one simulator per test file, empties its records before each test and closes it after all.
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startProviderSimulator, type ProviderSimulator, type ProviderSimulatorOptions } from '../../simulator/index'

export const useSimulator = (options: ProviderSimulatorOptions = {}): { readonly simulator: ProviderSimulator } => {
  let started: ProviderSimulator | undefined
  beforeAll(async () => {
    started = await startProviderSimulator(options)
  })
  afterAll(async () => {
    await started?.close()
  })
  beforeEach(() => {
    started?.reset()
  })
  return {
    get simulator(): ProviderSimulator {
      if (!started) throw new Error('The simulator has not started yet: use it inside a test or hook.')
      return started
    },
  }
}
