// Keyboard only: create the vault, add keys with Ctrl+N, find one with / and the arrows, open it with
// Enter, copy it with Ctrl+C, close dialogs with Escape, lock with Ctrl+L.
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { detailPane, keyList, MASTER_PASSWORD } from './steps'

test('the whole flow works from the keyboard', async ({ page, keyward }) => {
  const keys = [
    { value: fakeKeys.clipiaLive(), name: 'Clipia production' },
    { value: fakeKeys.airclouTest(), name: 'Airclou staging' },
    { value: fakeKeys.clipiaTest(), name: 'Clipia sandbox' },
  ]

  await expect(page.getByLabel('Master password', { exact: true })).toBeFocused()
  await page.keyboard.type(MASTER_PASSWORD)
  await page.keyboard.press('Tab')
  await page.keyboard.type(MASTER_PASSWORD)
  await page.keyboard.press('Enter')
  await expect(page.getByText('No keys yet. Add one, or import a .env file.')).toBeVisible()

  for (const key of keys) {
    await page.keyboard.press('Control+N')
    const dialog = page.getByRole('dialog', { name: 'Add key' })
    await expect(dialog.getByLabel('Value', { exact: true })).toBeFocused()
    await page.keyboard.insertText(key.value)
    await expect(dialog.getByText(/^Looks like a/)).toBeVisible()
    await page.keyboard.press('Tab') // Show
    await page.keyboard.press('Tab') // Name
    await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused()
    await page.keyboard.press('Control+A')
    await page.keyboard.type(key.name)
    await page.keyboard.press('Enter')
    await expect(dialog).toBeHidden()
  }
  await expect(keyList(page).getByRole('option')).toHaveCount(3)

  // Escape closes a dialog, and focus stays inside an open one.
  await page.keyboard.press('Control+N')
  const dialog = page.getByRole('dialog', { name: 'Add key' })
  await expect(dialog).toBeVisible()
  for (let step = 0; step < 20; step += 1) {
    await page.keyboard.press('Tab')
    expect(await dialog.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // / focuses the search; typing narrows; arrows move the selection.
  await page.locator('body').click({ position: { x: 600, y: 700 } })
  await page.keyboard.press('/')
  const search = page.getByRole('searchbox', { name: 'Search keys' })
  await expect(search).toBeFocused()
  await page.keyboard.type('clipia')
  await expect(keyList(page).getByRole('option')).toHaveCount(2)
  const selected = keyList(page).getByRole('option', { selected: true })
  await expect(selected).toContainText('Clipia production')
  await page.keyboard.press('ArrowDown')
  await expect(selected).toContainText('Clipia sandbox')
  await page.keyboard.press('ArrowUp')
  await expect(selected).toContainText('Clipia production')
  await page.keyboard.press('ArrowDown')

  // Enter opens the detail of the selected key.
  await page.keyboard.press('Enter')
  await expect(detailPane(page)).toBeFocused()
  await expect(detailPane(page).getByLabel('Name', { exact: true })).toHaveValue('Clipia sandbox')
  await keyward.screenshot('keyboard-detail-focused')

  // Ctrl+C copies the selected key when no text is selected.
  await page.keyboard.press('Control+C')
  await expect(page.getByRole('status').getByText('Copied — clears in 30 s')).toBeVisible()
  expect(await keyward.clipboardText()).toBe(keys[2]!.value)

  // Ctrl+F also reaches the search; Escape clears it.
  await page.keyboard.press('Control+F')
  await expect(search).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(search).toHaveValue('')
  await expect(keyList(page).getByRole('option')).toHaveCount(3)

  // Ctrl+L locks.
  await page.keyboard.press('Control+L')
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await expect(page.getByLabel('Master password', { exact: true })).toBeFocused()
})
