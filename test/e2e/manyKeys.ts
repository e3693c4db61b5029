// A vault of thousands of keys, made fast through the app's own path: a .env file written here, then
// main's real import (previewEnvImport, importEnv) called through the page's bridge, then a lock and
// an unlock so every panel lists what main holds. Names sort as they are numbered ("Service key 00001").
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'
import type { KeywardApi } from '#contract'
import { randomToken } from '../support/fakeKeys'
import { unlockVault } from './steps'

export const manyKeyName = (number: number): string => `Service key ${String(number).padStart(5, '0')}`

export const importManyKeys = async (
  page: Page,
  keyward: { directory: string; answerNextFileDialog(path: string | null): Promise<void> },
  count: number,
): Promise<void> => {
  const file = join(keyward.directory, 'many.env')
  const lines = Array.from({ length: count }, (_, index) => `SERVICE_KEY_${index + 1}=sk_test_${randomToken(32)}`)
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 })
  await keyward.answerNextFileDialog(file)
  const imported = await page.evaluate(
    async (names) => {
      const bridge = (globalThis as unknown as { keyward: KeywardApi }).keyward
      const preview = await bridge.previewEnvImport()
      if (!preview.ok || preview.value.canceled)
        throw new Error(`The import preview failed: ${JSON.stringify(preview)}`)
      const entries = preview.value.entries.map((entry, index) => ({
        line: entry.line,
        name: names[index]!,
        provider: entry.provider,
        environment: entry.environment,
      }))
      const result = await bridge.importEnv({ importId: preview.value.importId, entries })
      if (!result.ok) throw new Error(`The import failed: ${result.error.message}`)
      return result.value.imported
    },
    Array.from({ length: count }, (_, index) => manyKeyName(index + 1)),
  )
  expect(imported).toBe(count)
  await page.keyboard.press('Control+L')
  await unlockVault(page)
}
