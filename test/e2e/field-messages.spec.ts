// What Keyward tells about what is typed, where it is typed: a value already in the vault, in Add key,
// names the key holding it; a field main refuses shows main's reason under that field, in words.
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, addKeyDialog, createVault, detailPane, keyList, keyRow } from './steps'

test('Add key says when the pasted value is already saved, and Open it goes to that key', async ({ page }) => {
  const value = fakeKeys.clipiaLive()
  await createVault(page)
  await addKey(page, { value, name: 'Clipia production' })
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging' })

  await page.getByRole('button', { name: 'Add key…', exact: true }).click()
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

  // A field main refuses is named in the dialog's message, in its own words.
  await page.getByRole('button', { name: 'Add key…', exact: true }).click()
  await dialog.getByLabel('Value', { exact: true }).fill(fakeKeys.cloro())
  await expect(dialog.getByText(/^(Looks like a|No known prefix)/)).toBeVisible()
  await dialog.getByLabel('Name', { exact: true }).fill('Cloro search')
  await dialog.getByLabel('Env var', { exact: true }).fill('1-CLORO')
  await dialog.getByRole('button', { name: 'Add key', exact: true }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Env var: An env var name uses letters, digits and _')
})

test('a field refused says why under that field, in its own words, never as a request', async ({ page }) => {
  await createVault(page)
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production' })
  await addKey(page, { value: fakeKeys.cloro(), name: 'Cloro search', provider: 'Cloro', environment: 'test' })
  await keyRow(page, 'Cloro search').click()
  const detail = detailPane(page)
  const fieldOf = (label: string) =>
    detail.locator('.detail-field').filter({ has: page.getByLabel(label, { exact: true }) })

  // Checked before sending: an empty name stays in the field with the reason, and Escape puts it back.
  const name = detail.getByLabel('Name', { exact: true })
  await name.fill('')
  await name.press('Enter')
  await expect(fieldOf('Name').getByRole('alert')).toHaveText('A key needs a name')
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await expect(name).toHaveValue('')
  await name.press('Escape')
  await expect(name).toHaveValue('Cloro search')
  await expect(fieldOf('Name').getByRole('alert')).toBeHidden()

  const envVar = detail.getByLabel('Env var', { exact: true })
  await envVar.fill('1-CLORO')
  await envVar.press('Enter')
  await expect(fieldOf('Env var').getByRole('alert')).toHaveText('An env var name uses letters, digits and _')
  // Leaving the field keeps the refused draft beside its reason, not the saved value.
  await name.focus()
  await expect(envVar).toHaveValue('1-CLORO')
  await expect(fieldOf('Env var').getByRole('alert')).toBeVisible()

  // Refused by main: its reason under the field.
  await name.fill('Clipia production')
  await name.press('Enter')
  await expect(fieldOf('Name').getByRole('alert')).toHaveText(
    /^A key named "Clipia production" is already in the vault/,
  )

  // A field with no check of its own: main's refusal names the field, and its words show, not the request's.
  const verifyUrl = detail.getByLabel('Verify URL', { exact: true })
  await verifyUrl.fill('not a url')
  await verifyUrl.press('Enter')
  await expect(fieldOf('Verify URL').getByRole('alert')).toBeVisible()
  await expect(fieldOf('Verify URL').getByRole('alert')).not.toHaveText('')
  await expect(page.getByText(/Invalid request to/)).toHaveCount(0)
  await fieldOf('Verify URL').scrollIntoViewIfNeeded()
  await detail.screenshot({ path: test.info().outputPath('field-errors.png') })
})
