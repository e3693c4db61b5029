// What Keyward tells about what is typed, where it is typed: a value already in the vault, in Add key,
// names the key holding it; a field main refuses shows main's reason under that field, in words.
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, addKeyDialog, createVault, detailPane, keyList } from './steps'

test('Add key says when the pasted value is already saved, and Open it goes to that key', async ({ page }) => {
  const value = fakeKeys.clipiaLive()
  await createVault(page)
  await addKey(page, { value, name: 'Clipia production' })
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging' })

  await page.getByRole('button', { name: 'Add key', exact: true }).click()
  const dialog = addKeyDialog(page)
  await dialog.getByLabel('Value', { exact: true }).fill(value)
  const warning = dialog.getByRole('status').filter({ hasText: 'Already saved as “Clipia production”' })
  await expect(warning).toBeVisible()
  await dialog.screenshot({ path: test.info().outputPath('add-key-duplicate.png') })

  // Another value: the warning goes.
  await dialog.getByLabel('Value', { exact: true }).fill(fakeKeys.clipiaLive())
  await expect(dialog.getByText(/^Looks like a/)).toBeVisible()
  await expect(warning).toBeHidden()

  await dialog.getByLabel('Value', { exact: true }).fill(value)
  await warning.getByRole('button', { name: 'Open it' }).click()
  await expect(dialog).toBeHidden()
  await expect(keyList(page).getByRole('option', { selected: true })).toContainText('Clipia production')
  await expect(detailPane(page)).toBeFocused()
  await expect(keyList(page).getByRole('option')).toHaveCount(2)
})
