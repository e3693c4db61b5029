// Settings as a user goes through it: its sections by mouse and by keyboard, a link from elsewhere that
// opens one provider's settings, the master password changed in a dialog (Esc leaves it as it was),
// and a backup restored in the app: the password again, a preview of what changes, then the vault
// holding the backup's keys; a damaged backup refused in plain words with nothing changed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Page } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, createVault, detailPane, keyList, keyRow, MASTER_PASSWORD, unlockVault } from './steps'
import { dismissToasts, openProviderRow, showSection, showSettings, type SettingsSectionName } from './testSteps'

const SECTIONS: SettingsSectionName[] = ['General', 'Security', 'Backups', 'Rotation', 'Providers', 'Activity']

const tab = (page: Page, name: SettingsSectionName) =>
  page.getByRole('tablist', { name: 'Settings sections' }).getByRole('tab', { name, exact: true })

const expectSection = async (page: Page, name: SettingsSectionName) => {
  await expect(tab(page, name)).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tabpanel', { name })).toBeVisible()
}

/** No part of the page is wider than the window: nothing to scroll sideways, nothing cut. */
const expectNoHorizontalOverflow = async (page: Page) => {
  const overflow = await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

/** A preview reads the backup whole (every page checked) and derives the keys of both passwords: give it time. */
const SLOW = { timeout: 30_000 }

const backupRows = (page: Page) => page.getByRole('list', { name: 'Backups' }).getByRole('listitem')

test('every Settings section opens by mouse and by keyboard, and a link opens one provider’s settings', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  await showSection(page, 'Settings')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expectSection(page, 'General')
  await expect(page.getByRole('tabpanel', { name: 'General' })).toContainText('Vault file')

  for (const name of SECTIONS) {
    await tab(page, name).click()
    await expectSection(page, name)
  }

  // The arrows move along the tabs and open the one they reach; one tab is in the Tab order.
  await tab(page, 'General').click()
  await page.keyboard.press('ArrowDown')
  await expectSection(page, 'Security')
  await expect(tab(page, 'Security')).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expectSection(page, 'Backups')
  await page.keyboard.press('End')
  await expectSection(page, 'Activity')
  await page.keyboard.press('ArrowDown')
  await expectSection(page, 'General')
  await page.keyboard.press('ArrowUp')
  await expectSection(page, 'Activity')
  await page.keyboard.press('Home')
  await expectSection(page, 'General')
  await expect(page.locator('.settings-nav [role="tab"][tabindex="0"]')).toHaveCount(1)
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Lock after')).toBeFocused()

  // Clipia's tests go to a staging host: Security lists it, and its name opens Settings › Providers › Clipia.
  const clipia = await openProviderRow(page, 'clipia')
  await clipia.getByLabel('Base URL').fill('https://clipia.staging.example')
  await keyward.answerNextConfirmation(true)
  await clipia.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(clipia.locator('.provider-row-toggle')).toContainText('via https://clipia.staging.example')
  await clipia.locator('.provider-row-toggle').click()
  await showSettings(page, 'Security')
  const elsewhere = page.getByRole('list', { name: 'Providers tested elsewhere' })
  await expect(elsewhere).toContainText('Clipia via https://clipia.staging.example')
  await dismissToasts(page)
  await keyward.screenshot('settings-security')
  await elsewhere.getByRole('button', { name: 'Clipia' }).click()
  await expectSection(page, 'Providers')
  const toggle = clipia.locator('.provider-row-toggle')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(toggle).toBeFocused()
  await expect(page.getByRole('region', { name: 'Clipia provider' })).toBeInViewport()

  // Settings opens where it was left.
  await showSection(page, 'Vault')
  await showSection(page, 'Settings')
  await expectSection(page, 'Providers')

  // A narrow window: the tabs run across the top, none cut, nothing wider than the window.
  await page.setViewportSize({ width: 760, height: 480 })
  await showSettings(page, 'General')
  await expect(page.getByRole('tablist', { name: 'Settings sections' })).toHaveAttribute(
    'aria-orientation',
    'horizontal',
  )
  for (const name of SECTIONS) await expect(tab(page, name)).toBeInViewport({ ratio: 1 })
  await expectNoHorizontalOverflow(page)
  await keyward.screenshot('settings-general-narrow')
  await page.keyboard.press('Control+1')
  await showSettings(page, 'Backups')
  await expectNoHorizontalOverflow(page)
})

test('the master password is changed in a dialog: Esc leaves it as it was, a wrong current one is said plainly', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  await showSettings(page, 'Security')
  const open = page.getByRole('button', { name: 'Change master password…' })
  await open.click()
  const dialog = page.getByRole('dialog', { name: 'Change master password' })
  await expect(dialog.getByLabel('Current password')).toBeFocused()
  await keyward.screenshot('settings-change-password')

  // Too short, then two that differ: said beside the form, before main is asked.
  await dialog.getByLabel('Current password').fill(MASTER_PASSWORD)
  await dialog.getByLabel('New password', { exact: true }).fill('short')
  await dialog.getByRole('button', { name: 'Change password' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('The new master password needs at least 8 characters.')
  await expect(dialog.getByLabel('New password', { exact: true })).toBeFocused()

  // Esc: the dialog closes, the focus goes back to its button, and the old password still opens the vault.
  await dialog.getByLabel('New password', { exact: true }).fill('an-unsaved-password')
  await dialog.getByLabel('Confirm new password').fill('an-unsaved-password')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(open).toBeFocused()
  await page.keyboard.press('Control+L')
  await unlockVault(page, MASTER_PASSWORD)

  await showSettings(page, 'Security')
  await page.getByRole('button', { name: 'Change master password…' }).click()
  await dialog.getByLabel('Current password').fill('not-the-password')
  await dialog.getByLabel('New password', { exact: true }).fill('a-new-master-password')
  await dialog.getByLabel('Confirm new password').fill('a-new-master-password')
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('alert')).toHaveText(/^Wrong master password\. Check Caps Lock and try again\./)
  await expect(dialog.getByLabel('Current password')).toBeFocused()
  await expect(dialog.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true')
  await keyward.screenshot('settings-change-password-wrong')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await page.keyboard.press('Control+L')
  await unlockVault(page, MASTER_PASSWORD)
})

test('a backup restored in the app: the password again, a preview of what changes, then the backup’s keys', async ({
  page,
  keyward,
}) => {
  // A restore derives the master password's key several times (each check at the vault's real cost).
  test.setTimeout(180_000)
  const later = { value: fakeKeys.clipiaTest(), name: 'Added after the backup' }
  await createVault(page)
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production' })
  await addKey(page, { value: fakeKeys.airclouLive(), name: 'Airclou payments' })

  await showSettings(page, 'Backups')
  await expect(page.getByText('No backups yet.')).toBeVisible()
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(backupRows(page)).toHaveCount(1)
  await expect(backupRows(page).first()).toContainText(/made by hand · 2 keys · \d+(\.\d)? KB/)

  // After the backup: one key deleted, one added.
  await showSection(page, 'Vault')
  await keyRow(page, 'Airclou payments').click()
  await detailPane(page).getByRole('button', { name: 'Delete key…' }).click()
  await page
    .getByRole('dialog', { name: 'Delete “Airclou payments”?' })
    .getByRole('button', { name: 'Delete key' })
    .click()
  await expect(keyRow(page, 'Airclou payments')).toHaveCount(0)
  await addKey(page, later)

  await showSettings(page, 'Backups')
  await backupRows(page)
    .first()
    .getByRole('button', { name: /^Restore/ })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' })
  await expect(dialog).toContainText('made by hand · 2 keys')
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Enter your master password.')
  await dialog.getByLabel('Master password', { exact: true }).fill('not-the-password')
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(/^Wrong master password/, SLOW)

  await dialog.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD)
  await dialog.getByRole('button', { name: 'Preview' }).click()
  const preview = dialog.getByRole('region', { name: 'What the restore changes' })
  await expect(preview.getByRole('status')).toHaveText(
    'The backup holds 2 keys; the vault holds 2 keys now. Restoring it brings back 1, removes 1, changes 0 and leaves 1 as they are.',
    SLOW,
  )
  await expect(preview.getByRole('region', { name: 'Brought back' })).toContainText('Airclou payments (1 version)')
  await expect(preview.getByRole('region', { name: 'Removed' })).toContainText(`${later.name} (1 version)`)
  expect(await dialog.textContent()).not.toContain(later.value.slice(-8))
  await keyward.screenshot('settings-restore-preview')

  await dialog.getByRole('button', { name: 'Restore', exact: true }).click()
  await expect(dialog).toBeHidden(SLOW)
  await expect(page.locator('.toast')).toContainText('Restored the backup of')
  // The vault as it was (two keys: one deleted since the backup, one added) is kept as a backup.
  await expect(backupRows(page)).toHaveCount(2)
  await expect(backupRows(page).first()).toContainText('before a restore · 2 keys')
  await dismissToasts(page)
  await keyward.screenshot('settings-backups')

  await showSection(page, 'Vault')
  await expect(keyRow(page, 'Airclou payments')).toBeVisible()
  await expect(keyRow(page, 'Clipia production')).toBeVisible()
  await expect(keyRow(page, later.name)).toHaveCount(0)
  await expect(keyList(page).getByRole('option')).toHaveCount(2)
})

test('a damaged backup, or a file that is no backup, is refused in plain words and nothing changes', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production' })
  await showSettings(page, 'Backups')
  await page.getByRole('button', { name: 'Back up now' }).click()
  await expect(backupRows(page)).toHaveCount(1)
  await showSection(page, 'Vault')
  await addKey(page, { value: fakeKeys.airclouLive(), name: 'Airclou payments' })

  // One byte of the backup's encrypted database flipped on disk.
  const backupsFolder = join(dirname(keyward.vaultPath), 'backups')
  const [name] = readdirSync(backupsFolder)
  const backupPath = join(backupsFolder, name!)
  const bytes = readFileSync(backupPath)
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 200) ^ 0xff, bytes.length - 200)
  writeFileSync(backupPath, bytes)

  await showSettings(page, 'Backups')
  await backupRows(page)
    .first()
    .getByRole('button', { name: /^Restore/ })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' })
  await dialog.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD)
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await expect(dialog.getByRole('alert')).toContainText('is damaged: its contents no longer match the checksum', SLOW)
  await expect(dialog.getByRole('alert')).toContainText('Nothing was changed; choose another backup.')
  await expect(dialog.getByRole('alert')).not.toContainText(keyward.directory)
  await keyward.screenshot('settings-restore-damaged')
  await page.keyboard.press('Escape')

  // A file that is not a backup at all, chosen in main's dialog.
  const notABackup = join(keyward.directory, 'notes.keyward-backup')
  writeFileSync(notABackup, 'just some notes\n')
  await keyward.answerNextFileDialog(notABackup)
  await page.getByRole('button', { name: 'Restore from a file…' }).click()
  await expect(page.getByRole('tabpanel', { name: 'Backups' }).getByRole('alert')).toContainText(
    'is not a Keyward backup that can be read (it does not start like one)',
  )

  await showSection(page, 'Vault')
  await expect(keyList(page).getByRole('option')).toHaveCount(2)
  await expect(keyRow(page, 'Airclou payments')).toBeVisible()
})
