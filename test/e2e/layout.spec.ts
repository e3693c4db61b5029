// Every section at every window size the app allows, light and dark: nothing overflows sideways and no
// button is cut off. Below 1,000 px the detail is a view pushed over the list (Back, Esc or ← returns);
// below 820 px the sidebar shows icons only. Screenshots of each state go to the test's results.
import { join } from 'node:path'
import { fakeKeys } from '../support/fakeKeys'
import { accessibilityProblems } from './accessibilityChecks'
import { expect, test } from './fixtures'
import { layoutProblems } from './layoutChecks'
import { scanRepository, seedVault } from './screenSteps'
import { addKey, createVault, keyRow, MASTER_PASSWORD } from './steps'
import { dismissToasts, showSection, showSettings, type SettingsSectionName } from './testSteps'

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1000, height: 700 },
  { width: 900, height: 600 },
  { width: 760, height: 480 },
] as const

type SectionName = 'Vault' | 'Tests' | 'Rotation' | 'Scanner' | 'Settings'
const SECTIONS: SectionName[] = ['Vault', 'Tests', 'Rotation', 'Scanner', 'Settings']
/** Settings' own sections, each read at every size too (General is the one the loop below opens). */
const SETTINGS_SECTIONS: SettingsSectionName[] = ['Security', 'Backups', 'Rotation', 'Providers', 'Activity']
const DETAIL_IDS: Partial<Record<SectionName, string>> = {
  Vault: '#key-detail',
  Tests: '#test-detail',
  Rotation: '#rotation-detail',
  Scanner: '#finding-detail',
}

test('every section fits the window from 1280×800 down to 760×480, in light and dark', async ({
  page,
  keyward,
}, testInfo) => {
  test.setTimeout(240_000)
  const repositoryRoot = join(keyward.directory, 'projects', 'storefront')
  await createVault(page)
  await seedVault(page, repositoryRoot)
  await scanRepository(page, keyward, repositoryRoot)
  // A backup, so Settings › Backups shows its list rather than its empty state.
  await showSettings(page, 'Backups')
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByRole('list', { name: 'Backups' }).getByRole('listitem')).toHaveCount(1)
  await showSettings(page, 'General')
  await showSection(page, 'Vault')
  await keyRow(page, 'Airclou staging').click()
  await dismissToasts(page)

  const found: string[] = []
  const shoot = async (name: string) => {
    const path = testInfo.outputPath(`${name}.png`)
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
  }
  for (const size of SIZES) {
    await page.setViewportSize(size)
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      for (const section of SECTIONS) {
        await showSection(page, section)
        await page.mouse.move(0, 0)
        const where = `${section} at ${size.width}×${size.height} (${colorScheme})`
        for (const problem of await layoutProblems(page)) found.push(`${where}: ${problem}`)
        // The shapes only narrow windows have (icon sidebar, pushed detail) are read for accessibility too.
        for (const problem of await accessibilityProblems(page)) found.push(`${where}: ${problem}`)
        await shoot(`${section.toLowerCase()}-${size.width}x${size.height}-${colorScheme}`)
        if (section === 'Settings') {
          for (const part of SETTINGS_SECTIONS) {
            await showSettings(page, part)
            await page.mouse.move(0, 0)
            const wherePart = `Settings › ${part} at ${size.width}×${size.height} (${colorScheme})`
            for (const problem of await layoutProblems(page)) found.push(`${wherePart}: ${problem}`)
            for (const problem of await accessibilityProblems(page)) found.push(`${wherePart}: ${problem}`)
            await shoot(`settings-${part.toLowerCase()}-${size.width}x${size.height}-${colorScheme}`)
          }
          await showSettings(page, 'General')
        }
        const detailId = DETAIL_IDS[section]
        if (detailId && size.width < 1000) {
          // The pushed detail: open the selected row's detail, check it, and come back.
          await page.locator(`.workspace [aria-selected="true"]`).first().click()
          await expect(page.locator(detailId)).toBeVisible()
          for (const problem of await layoutProblems(page)) found.push(`${where}, detail: ${problem}`)
          for (const problem of await accessibilityProblems(page)) found.push(`${where}, detail: ${problem}`)
          await shoot(`${section.toLowerCase()}-detail-${size.width}x${size.height}-${colorScheme}`)
          // Back by Esc: the list again, with the focus on it.
          await page.keyboard.press('Escape')
          await expect(page.locator(detailId)).toBeHidden()
          await expect(page.locator('.workspace :is([role="listbox"], [role="grid"])')).toBeFocused()
        }
      }
    }
  }
  expect(found).toEqual([])
})

test('in a narrow window the detail is pushed over the list: Back, ← and Esc return; the icon sidebar lays its filters over', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 760, height: 480 })
  await createVault(page)
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production', tags: 'backend' })
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging', tags: 'ci' })
  const detail = page.locator('#key-detail')
  const list = page.getByRole('listbox', { name: 'Keys' })

  // A click pushes the detail over the list; its Back button returns.
  await keyRow(page, 'Clipia production').click()
  await expect(detail).toBeVisible()
  await expect(list).toBeHidden()
  await detail.getByRole('button', { name: 'Back to keys' }).click()
  await expect(list).toBeVisible()
  await expect(detail).toBeHidden()

  // Enter opens it with the focus in it; ← returns.
  await list.focus()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Enter')
  await expect(detail).toBeFocused()
  await expect(detail.getByLabel('Name', { exact: true })).toHaveValue('Airclou staging')
  await page.keyboard.press('ArrowLeft')
  await expect(list).toBeFocused()

  // A field of the detail keeps ← and Esc for itself: the detail stays.
  await keyRow(page, 'Airclou staging').click()
  const notes = detail.getByLabel('Notes')
  await notes.fill('left arrow')
  await page.keyboard.press('ArrowLeft')
  await expect(detail).toBeVisible()

  // The sidebar shows icons; each still has its name for a screen reader and a tooltip.
  const sidebar = page.getByRole('navigation', { name: 'Keyward' })
  await expect(sidebar.getByRole('button', { name: /^Tests/ })).toHaveAttribute('title', 'Tests')
  expect((await sidebar.boundingBox())!.width).toBeLessThan(64)
  await expect(sidebar.getByRole('button', { name: 'backend' })).toBeHidden()
  // Filters lays the whole column over the window; choosing one filters the Vault list; Esc folds it.
  await sidebar.getByRole('button', { name: 'Filters' }).click()
  await expect(sidebar.getByRole('button', { name: /^backend/ })).toBeVisible()
  expect(await layoutProblems(page)).toEqual([])
  expect(await accessibilityProblems(page)).toEqual([])
  await page.screenshot({
    path: testInfo.outputPath('sidebar-filters-760x480.png'),
    animations: 'disabled',
    caret: 'hide',
  })
  await sidebar.getByRole('button', { name: /^backend/ }).click()
  await expect(list.getByRole('option')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(sidebar.getByRole('button', { name: /^backend/ })).toBeHidden()
  await expect(sidebar.getByRole('button', { name: 'Filters' })).toHaveAttribute('aria-expanded', 'false')

  // The Add key dialog fits the smallest window too.
  await page.getByRole('button', { name: 'Add key…', exact: true }).first().click()
  await expect(page.getByRole('dialog', { name: 'Add key' })).toBeVisible()
  expect(await layoutProblems(page)).toEqual([])
  await page.screenshot({ path: testInfo.outputPath('add-key-760x480.png'), animations: 'disabled', caret: 'hide' })
})

test('the Settings dialogs fit the smallest window: change master password, and a restore’s preview', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 760, height: 480 })
  await createVault(page)
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production' })
  await showSettings(page, 'Security')
  await page.getByRole('button', { name: 'Change master password…' }).click()
  await expect(page.getByRole('dialog', { name: 'Change master password' })).toBeVisible()
  expect(await layoutProblems(page)).toEqual([])
  await page.screenshot({ path: testInfo.outputPath('change-password-760x480.png'), animations: 'disabled' })
  await page.keyboard.press('Escape')

  await showSettings(page, 'Backups')
  await page.getByRole('button', { name: 'Back up now' }).click()
  await showSection(page, 'Vault')
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging, added after the backup' })
  await showSettings(page, 'Backups')
  await page
    .getByRole('list', { name: 'Backups' })
    .getByRole('button', { name: /^Restore/ })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' })
  await dialog.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD)
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await expect(dialog.getByRole('region', { name: 'Removed' })).toBeVisible({ timeout: 30_000 })
  expect(await layoutProblems(page)).toEqual([])
  await page.screenshot({ path: testInfo.outputPath('restore-preview-760x480.png'), animations: 'disabled' })
})

test('a detail shows the item newly selected from its top, not at the last one’s scroll position', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 })
  await createVault(page)
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production' })
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging' })
  const detail = page.locator('#key-detail')
  await keyRow(page, 'Clipia production').click()
  await detail.evaluate((pane) => pane.scrollTo(0, pane.scrollHeight))
  expect(await detail.evaluate((pane) => pane.scrollTop)).toBeGreaterThan(100)
  await keyRow(page, 'Airclou staging').click()
  await expect(detail.getByLabel('Name', { exact: true })).toHaveValue('Airclou staging')
  expect(await detail.evaluate((pane) => pane.scrollTop)).toBe(0)
})

test('an empty vault’s detail says what each key will show there, not "Select a key"', async ({ page }, testInfo) => {
  await createVault(page)
  const detail = page.locator('#key-detail')
  await expect(detail).toContainText('Each key you add shows here')
  await expect(detail).not.toContainText('Select a key')
  await page.screenshot({
    path: testInfo.outputPath('empty-vault-1280x800.png'),
    animations: 'disabled',
    caret: 'hide',
  })
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production' })
  await expect(detail.getByLabel('Name', { exact: true })).toHaveValue('Clipia production')
})
