// Every screen, light and dark, read for the faults that shut people out: axe's serious and critical
// violations (WCAG 2.x A and AA), and our own checks (accessibilityChecks.ts): contrast under 4.5:1 over
// what is really painted behind, a control inside another, references to nothing, no single h1,
// landmarks that share a name.
// Also the keyboard's way around: Ctrl+1…5 open the sections, and the focus lands on the next sensible
// control after creating the vault, unlocking it and Test all.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { startProviderSimulator } from '../simulator/index'
import { expect, test } from './fixtures'
import { accessibilityProblems } from './accessibilityChecks'
import { scanRepository, seedVault } from './screenSteps'
import { addKey, createVault, detailPane, keyList, keyRow, MASTER_PASSWORD, unlockVault } from './steps'
import { dismissToasts, pointProviderAt, showSection, showSettings, testList } from './testSteps'

const collect = async (page: Page, found: string[], screen: string): Promise<void> => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    for (const problem of await accessibilityProblems(page)) found.push(`${screen} (${colorScheme}): ${problem}`)
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    for (const violation of axe.violations.filter(
      (entry) => entry.impact === 'serious' || entry.impact === 'critical',
    )) {
      const where = violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join('; ')
      found.push(`${screen} (${colorScheme}): axe ${violation.id} (${violation.impact}): ${violation.help} at ${where}`)
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

const SECTIONS = ['Vault', 'Tests', 'Rotation', 'Scanner', 'Settings'] as const

test('no screen has a serious accessibility fault, in light or dark', async ({ page, keyward }) => {
  test.setTimeout(360_000)
  const found: string[] = []
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
  await collect(page, found, 'Create vault')
  await createVault(page)
  for (const section of SECTIONS) {
    await showSection(page, section)
    await collect(page, found, `${section}, empty vault`)
  }
  await showSection(page, 'Vault')
  await page.getByRole('button', { name: 'Add key…', exact: true }).first().click()
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
  // Where a key was found: its "Found in" with an exposed copy, and with a copy stored in a local .env
  // (the repository scanned again with it); the rotate flow's "Update services" step listing that copy.
  const local = { value: fakeKeys.cloro(), name: 'Local signer' }
  await showSection(page, 'Vault')
  await addKey(page, local)
  writeFileSync(join(repositoryRoot, '.env'), `SIGNER=${local.value}\n`)
  await scanRepository(page, keyward, repositoryRoot)
  await dismissToasts(page)
  await showSection(page, 'Vault')
  await keyRow(page, 'Clodura enrichment').click()
  await expect(detailPane(page).getByRole('list', { name: /^Leaked/ })).toBeVisible()
  await collect(page, found, 'Vault, a key found leaked')
  await keyRow(page, 'Local signer').click()
  await expect(detailPane(page).getByRole('list', { name: /^Stored in plain text here/ })).toBeVisible()
  await collect(page, found, 'Vault, a key stored in a local file')
  await detailPane(page).getByRole('region', { name: 'Rotation' }).getByRole('button', { name: 'Rotate…' }).click()
  const rotate = page.getByRole('dialog', { name: 'Rotate “Local signer”' })
  await rotate.getByLabel('New value').fill(fakeKeys.cloro())
  await rotate.getByRole('button', { name: 'Save new value' }).click()
  await rotate.getByRole('button', { name: 'Test it' }).click()
  await rotate.getByRole('button', { name: 'Use it anyway' }).click()
  await expect(rotate.getByRole('list', { name: /^Stored in plain text here/ })).toBeVisible()
  await collect(page, found, 'Rotate dialog, update services')
  await page.keyboard.press('Escape')
  await expect(rotate).toBeHidden()

  // Settings' own sections, and its two dialogs (the restore one with its preview).
  for (const part of ['Security', 'Backups', 'Rotation', 'Providers', 'Activity'] as const) {
    await showSettings(page, part)
    await collect(page, found, `Settings › ${part}`)
  }
  await showSettings(page, 'Backups')
  await page.getByRole('button', { name: 'Back up now' }).click()
  await page
    .getByRole('list', { name: 'Backups' })
    .getByRole('button', { name: /^Restore/ })
    .click()
  const restore = page.getByRole('dialog', { name: 'Restore a backup' })
  await restore.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD)
  await restore.getByRole('button', { name: 'Preview' }).click()
  await expect(restore.getByRole('region', { name: 'What the restore changes' })).toBeVisible({ timeout: 30_000 })
  await collect(page, found, 'Restore a backup dialog, previewed')
  await page.keyboard.press('Escape')
  await showSettings(page, 'Security')
  await page.getByRole('button', { name: 'Change master password…' }).click()
  await collect(page, found, 'Change master password dialog')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Lock', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await collect(page, found, 'Unlock')
  await page.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('navigation', { name: 'Keyward' })).toBeVisible()

  expect(found).toEqual([])
})

test('the keyboard finds its way: Ctrl+1…5 open the sections; the focus lands on the next control after create, unlock and Test all', async ({
  page,
  keyward,
}) => {
  test.setTimeout(120_000)
  const simulator = await startProviderSimulator()
  try {
    const found: string[] = []
    const slow = { value: fakeKeys.airclouTest(), name: 'Airclou behind a slow proxy' }
    simulator.registerKey('airclou', { value: slow.value, behaviour: 'timeout' })

    // Created: an empty vault, so Add key.
    await createVault(page)
    await expect(page.locator('.list-toolbar').getByRole('button', { name: 'Add key…', exact: true })).toBeFocused()
    await addKey(page, slow)
    // A key Test all skips: the run's summary has a Skipped fold.
    await addKey(page, { value: fakeKeys.cloro(), name: 'Mystery' })

    // Ctrl+1…5 in the sidebar's order.
    const sections = [
      ['1', 'Vault'],
      ['2', 'Tests'],
      ['3', 'Rotation'],
      ['4', 'Scanner'],
      ['5', 'Settings'],
    ] as const
    for (const [digit, name] of sections) {
      await page.keyboard.press(`Control+${digit}`)
      await expect(
        page.getByRole('navigation', { name: 'Keyward' }).getByRole('button', { name: new RegExp(`^${name}`) }),
      ).toHaveAttribute('aria-current', 'page')
      await expect(page.getByRole('heading', { level: 1, name })).toBeAttached()
    }

    // Test all disables itself: the focus moves to Cancel, and when the run ends, to the results.
    await pointProviderAt(page, keyward, 'airclou', simulator.baseUrls.airclou, simulator.caPath)
    await page.keyboard.press('Control+2')
    await page.getByRole('button', { name: 'Test all' }).focus()
    await page.keyboard.press('Enter')
    const run = page.getByRole('region', { name: 'Test all' })
    await expect(run.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(run.getByRole('status')).toHaveText(/^Canceled/)
    await expect(testList(page)).toBeFocused()

    // A second run, read while the slow key is under way (busy, with its spinner), then with its
    // Skipped fold open. The slow key gives up after the request's deadline (10 s), so on a loaded
    // machine the first reading may end on the finished run: it is read either way.
    await page.getByRole('button', { name: 'Test all' }).click()
    await expect(testList(page).locator('[aria-busy="true"]')).toHaveCount(1)
    await collect(page, found, 'Tests, a key under way')
    await expect(run.getByRole('status')).toHaveText(/^Tested/, { timeout: 20_000 })
    await run.locator('details.run-skipped summary').click()
    await expect(run.getByRole('list', { name: 'Keys not tested' })).toBeVisible()
    await collect(page, found, 'Tests, a run with skipped keys')
    expect(found).toEqual([])

    // Unlocked: the key list, ready for the arrows.
    await page.keyboard.press('Control+L')
    await unlockVault(page)
    await expect(keyList(page)).toBeFocused()
  } finally {
    await simulator.close()
  }
})
