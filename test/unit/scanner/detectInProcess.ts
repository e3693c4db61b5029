// Runs the worker's detection in this thread, for unit tests: the same kernel and detector a scan
// worker uses, set up as a scan sets them up.
import { randomBytes } from 'node:crypto'
import { ScanKernel } from '../../../main/scanner/kernel/scanKernel'
import { SecretDetector } from '../../../main/scanner/detectSecrets'
import { prepareScanSetup } from '../../../main/scanner/scanSetup'
import type { RawHit } from '../../../main/scanner/detectionConfig'
import type { VaultValue } from '../../../main/scanner/types'

export const detectorFor = (vaultValues: VaultValue[] = []) => {
  const setup = prepareScanSetup(vaultValues, randomBytes(32), 1 << 20)
  const kernel = new ScanKernel(setup.init.kernel)
  const detector = new SecretDetector(setup.init.detection)
  return {
    setup,
    detect: (text: string | Buffer, path = 'file.txt'): RawHit[] => {
      const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
      kernel.reserve(bytes.length).set(bytes)
      return detector.detect(kernel, bytes.length, path)
    },
  }
}
