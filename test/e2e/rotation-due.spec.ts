// Rotation reminders as a developer meets them: keys due soon, overdue and expired (expiries entered on
// the key, a key's own period, main's clock moved on), the panel grouped by state with due dates in
// words and why, snoozes capped by expiry, the policy in Settings, the calendar export. The rotate flow
// itself: rotation.spec.ts. No value ever shows.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, createVault, detailPane, expectNoSecretsInPage, keyRow, unlockVault } from './steps'
import { dismissToasts, showSettings } from './testSteps'
import {
  DAYS,
  dayFrom,
  mainNow,
  rotationDetailPane,
  rotationGroup,
  rotationList,
  rotationPanel,
  rotationRow,
  showRotation,
} from './rotationSteps'

const sidebarRotation = (page: import('@playwright/test').Page) =>
  page.getByRole('navigation', { name: 'Keyward' }).getByRole('button', { name: /^Rotation/ })

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
