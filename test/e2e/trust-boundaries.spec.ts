// From the window, the two things main keeps to itself: where a key may be sent (a wider reach waits
// for main's own confirmation, which the page cannot answer), and how many values the window may show
// or copy before the master password is asked again.
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, answerConfirmationWithPageToken, createVault, detailPane, keyRow, MASTER_PASSWORD } from './steps'
import { openAirclouWithKey, saveBaseUrl } from './testSteps'

const ATTACKER = 'https://keys.attacker.example:8443'

test("a base URL elsewhere waits for main's confirmation: declined, nothing changes; allowed, it is saved", async ({
  page,
  keyward,
}) => {
  const { row, settings } = await openAirclouWithKey(page, 'Airclou prod')

  // The user cancels main's dialog (its default button).
  await keyward.answerNextConfirmation(false)
  await saveBaseUrl(settings, ATTACKER)
  await expect(settings.getByRole('alert')).toHaveText(
    'You declined sending keys to keys.attacker.example:8443: nothing changed.',
  )
  await expect(row.locator('.provider-row-toggle')).not.toContainText('via')
  // Main's question named the host and the key it would send there.
  const asked = JSON.stringify(await keyward.confirmationsAsked())
  expect(asked).toContain('keys.attacker.example:8443')
  expect(asked).toContain('Airclou prod')
  await keyward.screenshot('wider-reach-declined')

  // What the page holds (its URL's token) does not answer main's confirmation.
  if (keyward.mode === 'harness') {
    expect(await answerConfirmationWithPageToken(page, { allow: true })).toBe(403)
  }

  await keyward.answerNextConfirmation(true)
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(row.locator('.provider-row-toggle')).toContainText(`via ${ATTACKER}`)
  // Back to the provider's own host narrows: nothing to confirm.
  await settings.getByRole('button', { name: 'Reset to default' }).click()
  await expect(row.locator('.provider-row-toggle')).not.toContainText('via')
  expect(await keyward.confirmationsAsked()).toHaveLength(2)
})

test('past 5 values a minute, the master password is asked again in the window and main checks it', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const value = fakeKeys.clipiaLive()
  await addKey(page, { value, name: 'Clipia production' })
  await keyRow(page, 'Clipia production').click()
  const pane = detailPane(page)
  for (let copy = 0; copy < 5; copy += 1) await pane.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByRole('status').getByText('Copied — clears in 30 s').first()).toBeVisible()

  await pane.getByRole('button', { name: 'Reveal' }).click()
  const prompt = page.getByRole('dialog', { name: 'Type your master password to go on' })
  await expect(prompt).toBeVisible()
  await expect(prompt).toContainText('at most 5 in a minute')
  await expect(prompt.getByLabel('Master password')).toBeFocused()
  await keyward.screenshot('reauth-prompt')

  await prompt.getByLabel('Master password').fill('not the password')
  await prompt.getByRole('button', { name: 'Continue' }).click()
  await expect(prompt.getByRole('alert')).toContainText('Wrong master password')
  await page.setViewportSize({ width: 760, height: 480 })
  await keyward.screenshot('reauth-wrong-password-small')
  await page.setViewportSize({ width: 1280, height: 800 })

  await prompt.getByLabel('Master password').fill(MASTER_PASSWORD)
  await prompt.getByRole('button', { name: 'Continue' }).click()
  await expect(prompt).toBeHidden()
  await expect(pane.getByTestId('secret-value')).toHaveText(value)

  // Cancel leaves the value unshown and says why.
  await pane.getByRole('button', { name: 'Hide' }).click()
  for (let copy = 0; copy < 4; copy += 1) await pane.getByRole('button', { name: 'Copy', exact: true }).click()
  await pane.getByRole('button', { name: 'Reveal' }).click()
  await prompt.getByRole('button', { name: 'Cancel' }).click()
  await expect(prompt).toBeHidden()
  await expect(pane.getByRole('alert')).toContainText('type your master password to go on')
  await expect(pane.getByTestId('secret-value')).not.toHaveText(value)
})
