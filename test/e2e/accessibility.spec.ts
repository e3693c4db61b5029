// Every screen, light and dark, read for the faults that shut people out: contrast under 4.5:1, a control
// inside another, references to nothing, no single h1, landmarks that share a name (accessibilityChecks.ts).
// Also the keyboard's way around: Ctrl+1…5 open the sections, and the focus lands on the next sensible
// control after creating the vault, unlocking it and Test all.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { accessibilityProblems } from './accessibilityChecks'
import { scanRepository, seedVault } from './screenSteps'
import { createVault, MASTER_PASSWORD } from './steps'
import { dismissToasts, showSection } from './testSteps'

const collect = async (page: Page, found: string[], screen: string): Promise<void> => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    for (const problem of await accessibilityProblems(page)) found.push(`${screen} (${colorScheme}): ${problem}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

const SECTIONS = ['Vault', 'Tests', 'Rotation', 'Scanner', 'Settings'] as const

test('no screen has a serious accessibility fault, in light or dark', async ({ page, keyward }) => {
  test.setTimeout(180_000)
  const found: string[] = []
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
  await collect(page, found, 'Create vault')
  await createVault(page)
  for (const section of SECTIONS) {
    await showSection(page, section)
    await collect(page, found, `${section}, empty vault`)
  }
  await showSection(page, 'Vault')
  await page.getByRole('button', { name: 'Add key', exact: true }).first().click()
  await expect(page.getByRole('dialog', { name: 'Add key' })).toBeVisible()
  await collect(page, found, 'Add key dialog')
  await page.keyboard.press('Escape')

  const repositoryRoot = join(keyward.directory, 'projects', 'storefront')
  await seedVault(page, repositoryRoot)
  await scanRepository(page, keyward, repositoryRoot)
  await dismissToasts(page)
  for (const section of SECTIONS) {
    await showSection(page, section)
    await collect(page, found, `${section}, three keys`)
  }
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await collect(page, found, 'Unlock')
  await page.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('navigation', { name: 'Keyward' })).toBeVisible()

  expect(found).toEqual([])
})
