// A Test all as it reads in the Tests panel: rows under way marked busy, the bar in the tone of the
// worst outcome so far, failing keys first once the run has ended (and the arrow keys walking that
// order), and the keys it skipped folded under "Skipped (N)", one line per thing to fix, each leading
// to where it is fixed (the key, or Settings › Providers › NAME). Against the HTTPS provider simulator.
import type { Page } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, createVault, detailPane, expectNoSecretsInPage, keyList } from './steps'
import {
  dismissToasts,
  pointProviderAt,
  providerRow,
  showProvidersOverview,
  showSection,
  showSettings,
  testList,
  testRow,
  useProviderSimulator,
} from './testSteps'

const simulator = useProviderSimulator()

/** How far the page reaches past the window sideways (0: it fits). */
const sidewaysOverflow = (page: Page): Promise<number> =>
  page
    .locator('body')
    .evaluate((body) => body.ownerDocument.documentElement.scrollWidth - body.ownerDocument.documentElement.clientWidth)

test('Test all: rows under way are busy, the bar takes the worst outcome, failing keys come first, skipped keys grouped by what fixes them', async ({
  page,
  keyward,
}) => {
  test.setTimeout(90_000)
  const keys = {
    valid: { value: fakeKeys.airclouLive(), name: 'Airclou payments' },
    slow: { value: fakeKeys.airclouTest(), name: 'Airclou behind a slow proxy' },
    rejected: { value: fakeKeys.clipiaLive(), name: 'Zeta Clipia' },
    cloroOne: { value: fakeKeys.cloro(), name: 'Cloro images', provider: 'Cloro' },
    cloroTwo: { value: fakeKeys.cloro(), name: 'Cloro search', provider: 'Cloro' },
    mystery: { value: fakeKeys.cloro(), name: 'Mystery' },
    acme: { value: `acme_live_${'4f9c2a7e1b8d3c6f'}`, name: 'Acme billing' },
  }
  simulator().registerKey('airclou', { value: keys.valid.value })
  simulator().registerKey('airclou', { value: keys.slow.value, behaviour: 'timeout' })
  simulator().registerKey('clipia', { value: keys.rejected.value, state: 'revoked' })

  await createVault(page)
  // A provider of the user's own that Keyward cannot test (no auth test): fixed in its settings.
  await showSettings(page, 'Providers')
  await page.getByRole('button', { name: 'Add a provider…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add a provider' })
  const template = JSON.parse(await dialog.getByLabel('Definition (JSON)').inputValue()) as Record<string, unknown>
  await dialog.getByLabel('Definition (JSON)').fill(JSON.stringify({ ...template, authTest: null }, null, 2))
  await keyward.answerNextConfirmation(true)
  await dialog.getByRole('button', { name: 'Save provider' }).click()
  await expect(dialog).toBeHidden()
  await pointProviderAt(page, keyward, 'airclou', simulator().baseUrls.airclou, simulator().caPath)
  await pointProviderAt(page, keyward, 'clipia', simulator().baseUrls.clipia, simulator().caPath)
  await showProvidersOverview(page)
  await showSection(page, 'Vault')
  for (const key of Object.values(keys)) await addKey(page, key)

  await showSection(page, 'Tests')
  const rowNames = () => testList(page).locator('.test-row-name').allTextContents()
  // Before any run the list is in the vault's order: the rejected key is not first.
  await expect.poll(rowNames).toHaveLength(7)
  expect((await rowNames())[0]).not.toBe('Zeta Clipia')

  await page.getByRole('button', { name: 'Test all' }).click()
  const run = page.getByRole('region', { name: 'Test all' })
  // A key whose answer has not come is marked under way, not "Not tested".
  const slowRow = testRow(page, 'Airclou behind a slow proxy')
  await expect(slowRow).toHaveAttribute('aria-busy', 'true')
  await expect(slowRow.locator('.testing-badge')).toHaveText('Testing…')
  await expect(slowRow).not.toContainText('Not tested')
  // The rejected key's answer came: the bar is red, not green, though most keys passed or wait.
  await expect(run.getByRole('list', { name: 'Outcomes so far' })).toContainText('1 rejected')
  const fill = run.locator('.run-bar-fill')
  await expect(fill).toHaveAttribute('data-worst-outcome', 'invalid')
  await expect(fill).toHaveClass(/tone-bad/)
  await dismissToasts(page)
  await keyward.screenshot('tests-run-in-flight')
  await run.getByRole('button', { name: 'Cancel' }).click()
  await expect(run.getByRole('status')).toHaveText(/^Canceled after/)
  await expect(slowRow).not.toHaveAttribute('aria-busy', 'true')

  // After the run, failing keys first (rejected), then the untested ones, valid last.
  await expect
    .poll(rowNames)
    .toEqual([
      'Zeta Clipia',
      'Acme billing',
      'Airclou behind a slow proxy',
      'Cloro images',
      'Cloro search',
      'Mystery',
      'Airclou payments',
    ])
  // The arrow keys walk the list in the order shown.
  await testRow(page, 'Zeta Clipia').click()
  await testList(page).focus()
  await page.keyboard.press('ArrowDown')
  await expect(testList(page).getByRole('row', { selected: true })).toContainText('Acme billing')

  // Skipped keys: folded, one line per thing to fix, each with the way there.
  const skipped = run.locator('details.run-skipped')
  await expect(skipped.locator('summary')).toHaveText('Skipped (4)')
  const groups = run.getByRole('list', { name: 'Keys not tested' })
  await expect(groups).toBeHidden()
  await skipped.locator('summary').click()
  await expect(groups.getByRole('listitem')).toHaveCount(3)
  const cloroLine = groups.getByRole('listitem').filter({ hasText: '2 Cloro keys need a verify URL' })
  await expect(cloroLine).toContainText('Cloro images, Cloro search')
  await expect(groups.getByRole('listitem').filter({ hasText: '1 key has no provider' })).toContainText('Mystery')
  const acmeLine = groups.getByRole('listitem').filter({ hasText: 'Keyward cannot test Acme keys yet (1 key)' })
  await dismissToasts(page)
  await keyward.screenshot('tests-run-skipped')
  // In the smallest window the fold's lines and their links still fit, without sideways scrolling.
  await page.setViewportSize({ width: 760, height: 480 })
  // The row chosen above pushed its detail over the list: Back shows the list again.
  await page.getByRole('button', { name: 'Back to tests' }).click()
  await expect(acmeLine.getByRole('button', { name: 'Settings › Providers › Acme' })).toBeInViewport()
  expect(await sidewaysOverflow(page)).toBe(0)
  await keyward.screenshot('tests-run-skipped-760')
  await page.setViewportSize({ width: 1280, height: 800 })

  // The provider's line leads to Settings › Providers › Acme, opened.
  await acmeLine.getByRole('button', { name: 'Settings › Providers › Acme' }).click()
  await expect(providerRow(page, 'acme').locator('.provider-row-toggle')).toHaveAttribute('aria-expanded', 'true')
  await expect(providerRow(page, 'acme').locator('.provider-row-toggle')).toBeFocused()

  // A key's line leads to the key, where its verify URL is set.
  await showSection(page, 'Tests')
  await page.getByRole('region', { name: 'Test all' }).locator('details.run-skipped summary').click()
  await page.getByRole('list', { name: 'Keys not tested' }).getByRole('button', { name: 'Open Cloro images' }).click()
  await expect(keyList(page).getByRole('option', { selected: true })).toContainText('Cloro images')
  await expect(detailPane(page).getByLabel('Verify URL')).toBeVisible()
  await expectNoSecretsInPage(
    page,
    Object.values(keys).map((key) => key.value),
  )
})
