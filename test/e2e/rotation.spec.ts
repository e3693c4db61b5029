// The rotate flow as a developer meets it, against the HTTPS provider simulator: from paste to revoked,
// an equal value refused, a flow left half way (the page reloaded) resumed where it stopped, a flow
// canceled, and the vault listing the key after. Reminders of keys due: rotation-due.spec.ts. No value
// ever shows.
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, createVault, detailPane, expectNoSecretsInPage, keyRow } from './steps'
import { pointProviderAt, showSection, useProviderSimulator } from './testSteps'
import {
  dayFrom,
  mainNow,
  rotateDialog,
  rotationDetailPane,
  rotationPanel,
  rotationRow,
  shownDate,
  versionRow,
  waitForToastsToGo,
  showRotation,
} from './rotationSteps'

const simulator = useProviderSimulator()

test('rotate a key against the provider: paste, test, make current, update services, revoke', async ({
  page,
  keyward,
}) => {
  test.setTimeout(90_000)
  const oldValue = fakeKeys.airclouLive()
  const newValue = fakeKeys.airclouLive()
  simulator().registerKey('airclou', { value: oldValue, permissions: ['read'] })
  simulator().registerKey('airclou', { value: newValue, permissions: ['read', 'write'], keyId: 'key_0000000077' })

  await createVault(page)
  await addKey(page, { value: oldValue, name: 'Airclou payments' })
  await showSection(page, 'Settings')
  await pointProviderAt(page, keyward, 'airclou', simulator().baseUrls.airclou, simulator().caPath)
  await showSection(page, 'Vault')
  await keyRow(page, 'Airclou payments').click()
  await expect(rotationPanel(detailPane(page))).toContainText('in 90 days')
  await rotationPanel(detailPane(page)).getByRole('button', { name: 'Rotate…' }).click()

  const dialog = rotateDialog(page, 'Airclou payments')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('list', { name: 'Rotation steps' }).locator('[aria-current="step"]')).toContainText(
    'New value',
  )
  // The value the key already has is refused, in main's words.
  await dialog.getByLabel('New value').fill(oldValue)
  await dialog.getByRole('button', { name: 'Save new value' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(
    'That is the value "Airclou payments" already has. Create a new key at the provider and paste the new one.',
  )

  // The new value, with the expiry the provider shows.
  const expiry = dayFrom(await mainNow(page), 120)
  await dialog.getByLabel('New value').fill(`${newValue}\n`)
  await dialog.getByLabel(/^Expires/).fill(expiry)
  await dialog.getByRole('button', { name: 'Save new value' }).click()
  await expect(dialog.getByRole('list', { name: 'Rotation steps' }).locator('[aria-current="step"]')).toContainText(
    'Test',
  )
  await expect(dialog).toContainText(`expires ${await shownDate(page, expiry)}`)
  await expect(dialog).toContainText('Test the new value in place before making it current.')
  await expect(dialog.getByRole('button', { name: 'Use it anyway' })).toHaveCount(0)
  await expectNoSecretsInPage(page, [oldValue, newValue])

  // Tested in place, against the simulator: valid, and the next step says so.
  await dialog.getByRole('button', { name: 'Test it' }).click()
  await expect(dialog.locator('[data-outcome="valid"]')).toHaveText('Valid')
  await expect(dialog).toContainText('Airclou accepted the key.')
  await expect(dialog).toContainText('The new value works. Make it current.')
  await expect(dialog.getByRole('list', { name: 'Rotation steps' }).locator('[aria-current="step"]')).toContainText(
    'Make current',
  )
  await waitForToastsToGo(page)
  await keyward.screenshot('rotation-flow-tested')
  expect(
    simulator().requests.some(
      (request) =>
        request.provider === 'airclou' && request.reason === 'valid' && request.credential.registeredFor === 'airclou',
    ),
  ).toBe(true)

  // Made current: the old value is retiring, copyable; the services are updated.
  await dialog.getByRole('button', { name: 'Make it current' }).click()
  await expect(dialog.getByRole('list', { name: 'Rotation steps' }).locator('[aria-current="step"]')).toContainText(
    'Update services',
  )
  await expect(dialog).toContainText('v2 is now current')
  await expect(dialog).toContainText('No scan has found this key in a folder.')
  await expect(dialog.getByRole('button', { name: 'Cancel rotation' })).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Copy old value' }).click()
  await expect(page.locator('.toast')).toContainText('Old value copied — clears in 30 s')
  expect(await keyward.clipboardText()).toBe(oldValue)
  await waitForToastsToGo(page)
  await keyward.screenshot('rotation-flow-services')

  await dialog.getByRole('button', { name: 'Next: revoke the old key' }).click()
  await expect(dialog.getByRole('list', { name: 'Rotation steps' }).locator('[aria-current="step"]')).toContainText(
    'Revoke old',
  )
  await expect(dialog).toContainText("in Airclou's dashboard")
  await dialog.getByRole('button', { name: 'I revoked the old key' }).click()
  await expect(dialog.getByRole('status')).toContainText('Rotation finished')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toBeHidden()

  // The key: its new value current, the old revoked, both with dates; the due date starts again.
  const detail = detailPane(page)
  await expect(versionRow(detail, 2)).toContainText('Current')
  await expect(versionRow(detail, 1)).toContainText('Revoked')
  await expect(versionRow(detail, 2).locator('time')).toHaveAttribute(
    'title',
    /^Current since \d\d\/\d\d\/\d{4} \d\d:\d\d( [AP]M)?$/,
  )
  await expect(versionRow(detail, 1).locator('time')).toHaveAttribute(
    'title',
    /^Revoked \d\d\/\d\d\/\d{4} \d\d:\d\d( [AP]M)?$/,
  )
  await expect(rotationPanel(detail)).toContainText('in 90 days')
  await rotationPanel(detail).evaluate((panel) => panel.scrollIntoView({ block: 'start' }))
  await detail.getByRole('list', { name: 'Versions' }).evaluate((list) => list.scrollIntoView({ block: 'end' }))
  await keyward.screenshot('rotation-key-history')
  expect(await keyward.clipboardText()).toBe(oldValue)
  await expectNoSecretsInPage(page, [oldValue, newValue])
})

test('a rotation left half way is resumed where it stopped, and a value Keyward cannot test is used anyway with a warning', async ({
  page,
}) => {
  const oldValue = fakeKeys.cloro()
  const newValue = fakeKeys.cloro()
  await createVault(page)
  await addKey(page, { value: oldValue, name: 'Mystery' })

  await showRotation(page)
  await rotationRow(page, 'Mystery').getByRole('button', { name: 'Rotate Mystery' }).click()
  const dialog = rotateDialog(page, 'Mystery')
  await dialog.getByLabel('New value').fill(newValue)
  await dialog.getByRole('button', { name: 'Save new value' }).click()
  await dialog.getByRole('button', { name: 'Test it' }).click()
  await expect(dialog.locator('[data-outcome="not_testable"]')).toHaveText('Not testable')
  await expect(dialog).toContainText('Keyward cannot test this key')
  await expect(dialog.getByRole('note')).toContainText('Not checked by Keyward.')
  await expect(dialog.getByRole('button', { name: 'Make it current' })).toHaveCount(0)

  // The window goes away half way; main kept every step.
  await page.reload()
  await showRotation(page)
  const inProgress = page.getByRole('list', { name: 'Rotations in progress' })
  await expect(inProgress.getByRole('listitem')).toHaveText([/Mystery\s*new value tested, not made current\s*Resume/])
  await expect(rotationRow(page, 'Mystery')).toContainText('Rotation in progress')
  await inProgress.getByRole('button', { name: 'Resume' }).click()
  await expect(dialog).toContainText('Resumed where you left it.')
  await expect(dialog.locator('[data-outcome="not_testable"]')).toBeVisible()
  await dialog.getByRole('button', { name: 'Use it anyway' }).click()
  await expect(dialog).toContainText('(made current without a test)')

  // Left again after it was made current: Cancel is gone, Resume lands on the services.
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.reload()
  await showRotation(page)
  await expect(page.getByRole('list', { name: 'Rotations in progress' })).toContainText('old value still to revoke')
  await rotationRow(page, 'Mystery').getByRole('button', { name: 'Resume rotating Mystery' }).click()
  await expect(dialog.getByRole('list', { name: 'Rotation steps' }).locator('[aria-current="step"]')).toContainText(
    'Update services',
  )
  await dialog.getByRole('button', { name: 'Next: revoke the old key' }).click()
  await expect(dialog).toContainText("in the provider's dashboard")
  await dialog.getByRole('button', { name: 'I revoked the old key' }).click()
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('list', { name: 'Rotations in progress' })).toHaveCount(0)
  const history = rotationDetailPane(page)
  await expect(versionRow(history, 2)).toContainText('Current')
  await expect(versionRow(history, 1)).toContainText('Revoked')
  await expectNoSecretsInPage(page, [oldValue, newValue])
})

test('a rotation is canceled before its new value is current; the key stays as it was', async ({ page }) => {
  const oldValue = fakeKeys.clodura()
  await createVault(page)
  await addKey(page, { value: oldValue, name: 'Clodura enrichment', provider: 'Clodura' })
  await rotationPanel(detailPane(page)).getByRole('button', { name: 'Rotate…' }).click()
  const dialog = rotateDialog(page, 'Clodura enrichment')
  await dialog.getByRole('button', { name: 'Save new value' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Paste the new value')
  await dialog.getByLabel('New value').fill(fakeKeys.clodura())
  await dialog.getByRole('button', { name: 'Save new value' }).click()
  await expect(versionRow(detailPane(page), 2)).toContainText('Pending')
  await dialog.getByRole('button', { name: 'Cancel rotation' }).click()
  await expect(dialog.getByLabel('New value')).toBeVisible()
  await expect(page.locator('.toast')).toContainText('canceled; the new value was discarded')
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(detailPane(page).getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(1)
  await expect(versionRow(detailPane(page), 1)).toContainText('Current')
})

// Promoting a new value writes the key's last test as the test history does (lastTestOf: with
// httpStatus and nextTestAt); a promote that left them out made listKeys fail its output check after
// any rotation whose new value tested valid, and the vault list stopped loading.
test('after a rotation tested valid, the vault still lists the key, with the new value’s expiry', async ({
  page,
  keyward,
}) => {
  const oldValue = fakeKeys.airclouLive()
  const newValue = fakeKeys.airclouLive()
  simulator().registerKey('airclou', { value: oldValue })
  simulator().registerKey('airclou', { value: newValue })
  await createVault(page)
  await addKey(page, { value: oldValue, name: 'Airclou billing' })
  await showSection(page, 'Settings')
  await pointProviderAt(page, keyward, 'airclou', simulator().baseUrls.airclou, simulator().caPath)
  await showSection(page, 'Vault')
  await keyRow(page, 'Airclou billing').click()
  await rotationPanel(detailPane(page)).getByRole('button', { name: 'Rotate…' }).click()
  const dialog = rotateDialog(page, 'Airclou billing')
  const expiry = dayFrom(await mainNow(page), 120)
  await dialog.getByLabel('New value').fill(newValue)
  await dialog.getByLabel(/^Expires/).fill(expiry)
  await dialog.getByRole('button', { name: 'Save new value' }).click()
  await dialog.getByRole('button', { name: 'Test it' }).click()
  await dialog.getByRole('button', { name: 'Make it current' }).click()
  await expect(dialog).toContainText('v2 is now current')
  await page.keyboard.press('Escape')
  const listed = await page.evaluate(
    async () =>
      (
        await (
          globalThis as unknown as { keyward: { listKeys: (query: object) => Promise<{ ok: boolean }> } }
        ).keyward.listKeys({})
      ).ok,
  )
  expect(listed, 'listKeys answers after the rotation').toBe(true)
  await expect(detailPane(page).getByLabel('Expires')).toHaveValue(expiry)
})
