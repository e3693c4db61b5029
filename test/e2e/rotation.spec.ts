// Rotation as a developer meets it: keys due soon, overdue and expired (expiries entered on the key,
// a key's own period, main's clock moved on), the panel grouped by state with due dates in words and
// why, snoozes capped by expiry, the policy in Settings, the calendar export; then the rotate flow
// from paste to revoked against the HTTPS provider simulator, an equal value refused, and a flow left
// half way (the page reloaded) resumed where it stopped. No value ever shows.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, createVault, detailPane, expectNoSecretsInPage, keyRow, unlockVault } from './steps'
import { dismissToasts, pointProviderAt, showSection, showSettings, useProviderSimulator } from './testSteps'
import {
  DAYS,
  dayFrom,
  mainNow,
  rotateDialog,
  rotationDetailPane,
  rotationGroup,
  rotationList,
  rotationPanel,
  rotationRow,
  shownDate,
  versionRow,
  waitForToastsToGo,
} from './rotationSteps'

const simulator = useProviderSimulator()

const sidebarRotation = (page: import('@playwright/test').Page) =>
  page.getByRole('navigation', { name: 'Keyward' }).getByRole('button', { name: /^Rotation/ })

const showRotation = async (page: import('@playwright/test').Page) => {
  await page
    .getByRole('navigation', { name: 'Keyward' })
    .getByRole('button', { name: /^Rotation/ })
    .click()
  await expect(rotationList(page)).toBeVisible()
}

test('keys due soon, overdue and expired: grouped by state, due in words with why, snoozed within the caps, exported', async ({
  page,
  keyward,
}) => {
  test.skip(keyward.mode !== 'harness', "moving main's clock needs the harness")
  test.setTimeout(90_000)
  const keys = {
    airclou: { value: fakeKeys.airclouLive(), name: 'Airclou payments' },
    soon: { value: fakeKeys.clipiaLive(), name: 'Clipia production' },
    expired: { value: fakeKeys.clipiaTest(), name: 'Clipia sandbox' },
    overdue: { value: fakeKeys.cloro(), name: 'Cloro search', provider: 'Cloro' },
  }
  await createVault(page)
  for (const key of Object.values(keys)) await addKey(page, key)

  // A key's own period, set in its detail; main refuses a period out of range in words.
  await keyRow(page, 'Cloro search').click()
  const period = rotationPanel(detailPane(page)).getByLabel('Rotate every')
  await expect(period).toHaveValue('90')
  await period.fill('0')
  await period.press('Enter')
  await expect(rotationPanel(detailPane(page)).getByRole('alert')).toContainText('at least 1 day')
  await period.fill('1')
  await period.press('Enter')
  await expect(rotationPanel(detailPane(page))).toContainText('rotate every 1 day (set on this key)')
  await expect(rotationPanel(detailPane(page)).getByRole('button', { name: 'Use default' })).toBeVisible()
  await expect(rotationPanel(detailPane(page)).getByRole('alert')).toBeHidden()

  // Three days later (main's clock; the idle lock comes with it), the 1-day key is overdue.
  await keyward.advanceMainClock(DAYS(3))
  await unlockVault(page)
  const now = await mainNow(page)

  // Expiries entered in the detail: one in 6 days, one 3 days ago.
  await keyRow(page, 'Clipia production').click()
  await detailPane(page).getByLabel('Expires').fill(dayFrom(now, 6))
  await expect(rotationPanel(detailPane(page))).toContainText('in 6 days')
  await keyRow(page, 'Clipia sandbox').click()
  await detailPane(page).getByLabel('Expires').fill(dayFrom(now, -3))
  await expect(rotationPanel(detailPane(page)).locator('[data-rotation-state="expired"]')).toBeVisible()

  // The panel: groups in UX order with their counts, each row's words and reason; the badge counts 3.
  await expect(sidebarRotation(page)).toContainText('3')
  await showRotation(page)
  await expect(rotationList(page).locator('.rotation-group-title')).toHaveText([
    /^Expired\s*1$/,
    /^Overdue\s*1$/,
    /^Due soon\s*1$/,
    /^OK\s*1$/,
  ])
  await expect(rotationGroup(page, 'Expired')).toContainText('Clipia sandbox')
  await expect(rotationRow(page, 'Clipia sandbox')).toContainText('expired 3 days ago')
  await expect(rotationRow(page, 'Clipia sandbox')).toContainText('expiry you entered')
  await expect(rotationRow(page, 'Cloro search')).toContainText('2 days overdue')
  await expect(rotationRow(page, 'Cloro search')).toContainText('rotate every 1 day (set on this key)')
  await expect(rotationRow(page, 'Clipia production')).toContainText('in 6 days')
  await expect(rotationRow(page, 'Airclou payments')).toContainText('in 87 days')
  await expect(rotationRow(page, 'Airclou payments')).toContainText('Airclou rotates every 90 days')
  await expect(rotationRow(page, 'Clipia production').locator('.environment-badge')).toBeVisible()
  const chips = page.getByRole('group', { name: 'Filter by rotation state' })
  await expect(chips.getByRole('button')).toHaveText([
    /All\s*4/,
    /Expired\s*1/,
    /Overdue\s*1/,
    /Due soon\s*1/,
    /OK\s*1/,
  ])
  await expect(page.locator('.list-summary')).toContainText('4 keys · 3 need action')
  await dismissToasts(page)
  await keyward.screenshot('rotation-panel')

  // The chips narrow the list; the arrows move the selection and the detail follows.
  await chips.getByRole('button', { name: /^Overdue/ }).click()
  await expect(rotationList(page).locator('[role="row"][data-key-name]')).toHaveCount(1)
  await chips.getByRole('button', { name: /^All/ }).click()
  await expect(rotationList(page).locator('[role="row"][data-key-name]')).toHaveCount(4)
  await rotationList(page).focus()
  await rotationRow(page, 'Clipia sandbox').click()
  await page.keyboard.press('ArrowDown')
  await expect(rotationList(page).getByRole('row', { selected: true })).toHaveAttribute('data-key-name', 'Cloro search')
  await expect(rotationDetailPane(page).getByRole('heading', { name: 'Cloro search' })).toBeVisible()

  // An expired key cannot be snoozed (rotate it); a key due soon is snoozed, cut at its expiry.
  await expect(
    rotationRow(page, 'Clipia sandbox').getByRole('button', { name: 'Snooze Clipia sandbox' }),
  ).toBeDisabled()
  await rotationRow(page, 'Clipia production').getByRole('button', { name: 'Snooze Clipia production' }).click()
  const menu = page.getByRole('menu', { name: 'Snooze Clipia production' })
  await expect(menu.getByRole('menuitem')).toHaveText(['1 day', '7 days', '14 days (longest)'])
  await menu.getByRole('menuitem', { name: '7 days' }).click()
  await expect(page.locator('.toast')).toContainText(
    `Snoozed until ${dayFrom(now, 6)}, when the key expires: a snooze never runs past a key's expiry.`,
  )
  await expect(rotationRow(page, 'Clipia production')).toContainText('Snoozed until')
  await expect(sidebarRotation(page)).toContainText('2')
  await expect(page.locator('.list-summary')).toContainText('2 need action · 1 snoozed')

  // The keyboard works the menu: open, arrows, Enter, and the overdue key is snoozed the longest.
  await rotationRow(page, 'Cloro search').getByRole('button', { name: 'Snooze Cloro search' }).click()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menuitem', { name: '14 days (longest)' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('.toast')).toContainText(`Snoozed until ${dayFrom(now, 14)}.`)
  await expect(sidebarRotation(page)).toContainText('1')
  await rotationRow(page, 'Cloro search').click()
  await expect(rotationPanel(rotationDetailPane(page))).toContainText('Reminders snoozed until')
  await dismissToasts(page)
  await keyward.screenshot('rotation-snoozed')

  // Settings → Rotation: the policy, saved; main refuses a snooze longer than it allows.
  await showSettings(page, 'Rotation')
  const policy = page.getByRole('region', { name: 'Rotation' })
  await expect(policy.getByLabel('Rotate keys every')).toHaveValue('90')
  await expect(policy.getByLabel('Test keys every')).toHaveValue('180')
  await expect(policy.getByLabel('Remind me')).toHaveValue('30, 7, 1')
  await expect(policy.getByLabel('Longest snooze')).toHaveValue('14')
  await expect(policy.getByLabel('Name keys in notifications')).toBeChecked()
  await policy.getByLabel('Longest snooze').fill('200')
  await policy.getByRole('button', { name: 'Apply policy' }).click()
  await expect(policy.getByRole('alert')).not.toBeEmpty()
  await expect(policy.getByRole('alert')).toBeVisible()
  await policy.getByLabel('Longest snooze').fill('21')
  await policy.getByLabel('Remind me').fill('45, 7')
  await policy.getByRole('button', { name: 'Apply policy' }).click()
  await expect(page.locator('.toast')).toContainText('Rotation policy saved')
  await expect(policy.getByRole('alert')).toBeHidden()
  await policy.evaluate((section) => section.scrollIntoView({ block: 'start' }))
  await dismissToasts(page)
  await keyward.screenshot('rotation-settings')

  // The calendar: main asks where, writes it 0600; no value in it.
  const calendarPath = join(keyward.directory, 'keyward-due.ics')
  await keyward.answerNextFileDialog(calendarPath)
  await policy.getByRole('button', { name: 'Export calendar (.ics)…' }).click()
  await expect(page.locator('.toast')).toContainText(`Saved 4 due dates to ${calendarPath}`)
  const calendar = readFileSync(calendarPath, 'utf8')
  expect(calendar.startsWith('BEGIN:VCALENDAR')).toBe(true)
  expect(calendar).toContain('Clipia production')
  expect(statSync(calendarPath).mode & 0o777).toBe(0o600)
  for (const key of Object.values(keys)) expect(calendar.includes(key.value)).toBe(false)

  // The panel's own export button too (the user cancels this time: nothing is said).
  await showRotation(page)
  await keyward.answerNextFileDialog(null)
  await page.getByRole('button', { name: 'Export calendar (.ics)…' }).click()
  await expectNoSecretsInPage(
    page,
    Object.values(keys).map((key) => key.value),
  )
})

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

// Main's promote writes the key's last test without httpStatus and nextTestAt, so listKeys fails its
// output check after any rotation whose new value tested valid ("keys.0.lastTest.httpStatus: Invalid
// input"): the vault list stops loading. Expected to fail until main/vault/stores/rotationStore.ts is fixed.
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
