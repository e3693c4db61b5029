// Auth tests as a developer uses them: point providers at a staging host (here the HTTPS provider
// simulator, started in this worker) through Settings → Providers, test one key now, test them all
// with progress, read what each outcome means and what the provider said, and never see a value.
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { shownDate } from './rotationSteps'
import { addKey, createVault, detailPane, expectNoSecretsInPage, keyList, keyRow } from './steps'
import {
  authTestPanel,
  dismissToasts,
  pointProviderAt,
  providerRow,
  showProvidersOverview,
  showSection,
  testDetailPane,
  testList,
  testRow,
  showSettings,
  useProviderSimulator,
} from './testSteps'

const simulator = useProviderSimulator()

const fourKeys = () => ({
  airclou: { value: fakeKeys.airclouLive(), name: 'Airclou payments' },
  clipia: { value: fakeKeys.clipiaLive(), name: 'Clipia production' },
  clodura: { value: fakeKeys.clodura(), name: 'Clodura enrichment', provider: 'Clodura' },
  mystery: { value: fakeKeys.cloro(), name: 'Mystery' },
})

test('point providers at a staging host, test one key now, then test them all with progress', async ({
  page,
  keyward,
}) => {
  test.setTimeout(90_000)
  const keys = fourKeys()
  simulator().registerKey('airclou', {
    value: keys.airclou.value,
    permissions: ['read'],
    expiresAt: '2027-03-01T00:00:00Z',
    keyId: 'key_0000000042',
  })
  simulator().registerKey('clipia', { value: keys.clipia.value, state: 'revoked' })
  simulator().registerKey('clodura', { value: keys.clodura.value, plan: 'Starter', credits: 740 })

  await createVault(page)
  for (const key of Object.values(keys)) await addKey(page, key)
  await expect(keyList(page).getByRole('option')).toHaveCount(4)

  // Settings → Providers: each provider's hosts, schemes and plans; three of them sent to the simulator.
  await showSettings(page, 'Providers')
  await expect(providerRow(page, 'clodura')).toContainText('api.clodura.ai')
  await providerRow(page, 'clodura').locator('.provider-row-toggle').click()
  const cloduraSettings = page.getByRole('region', { name: 'Clodura provider' })
  await expect(cloduraSettings.getByText('Starter, Basic')).toBeVisible()
  await expect(cloduraSettings).toContainText('1/s, 10/min, 600/day')
  await expect(cloduraSettings).toContainText('X-API-KEY header')
  await expect(cloduraSettings).toContainText('https://api.clodura.ai/api/v1/credits')
  for (const provider of ['airclou', 'clipia', 'clodura'] as const) {
    await pointProviderAt(page, keyward, provider, simulator().baseUrls[provider], simulator().caPath)
  }
  await expect(page.getByText('3 providers tested elsewhere.')).toBeVisible()
  await showProvidersOverview(page)
  await dismissToasts(page)
  await keyward.screenshot('settings-providers')

  // The vault: a plan for the Clodura key, chosen from its provider's plans with their limits.
  await showSection(page, 'Vault')
  await keyRow(page, 'Clodura enrichment').click()
  await detailPane(page).getByLabel('Plan').selectOption({ label: 'Starter — 1/s, 10/min, 600/day' })
  await expect(detailPane(page).getByLabel('Plan')).toHaveValue('starter')
  await expect(detailPane(page).getByText('X-API-KEY header')).toBeVisible()

  // Test now on the Airclou key: the badge, the sentence, where it went, and what Airclou said.
  await keyRow(page, 'Airclou payments').click()
  const airclouTest = authTestPanel(detailPane(page))
  await expect(airclouTest).toContainText('Not tested yet.')
  await airclouTest.getByRole('button', { name: 'Test', exact: true }).click()
  await expect(airclouTest.locator('[data-outcome="valid"]')).toHaveText('Valid')
  await expect(airclouTest).toContainText('Airclou accepted the key.')
  await expect(airclouTest).toContainText('HTTP 200')
  await expect(airclouTest).toContainText(/\d+ ms/)
  await expect(airclouTest).toContainText(`via ${simulator().baseUrls.airclou}`)
  const facts = detailPane(page).getByRole('region', { name: 'What Airclou said' })
  await expect(facts).toContainText('read')
  await expect(facts).toContainText('key_0000000042')
  await expect(facts).toContainText(await shownDate(page, '2027-03-01T00:00:00Z'))
  await expect(facts).toContainText(/as of (just now|\d+ min ago)/)
  await expect(keyRow(page, 'Airclou payments').locator('[data-outcome="valid"]')).toBeVisible()
  await dismissToasts(page)
  await keyward.screenshot('key-detail-tested')

  // `t` tests the selected key from the list: the provider rejects the revoked Clipia key, and the sentence says what to do.
  await keyRow(page, 'Clipia production').click()
  await keyList(page).focus()
  await page.keyboard.press('t')
  const clipiaTest = authTestPanel(detailPane(page))
  await expect(clipiaTest.locator('[data-outcome="invalid"]')).toHaveText('Rejected')
  await expect(clipiaTest).toContainText('invalid_api_key: the key is missing, wrong or revoked')
  await expect(clipiaTest).toContainText('rotate it')
  await expect(page.getByRole('navigation', { name: 'Keyward' }).getByRole('button', { name: /^Tests/ })).toContainText(
    '1 failing',
  )

  // A key with no provider is not sent anywhere; the refusal says what to do.
  await keyRow(page, 'Mystery').click()
  await authTestPanel(detailPane(page)).getByRole('button', { name: 'Test', exact: true }).click()
  await expect(authTestPanel(detailPane(page)).getByRole('alert')).toContainText('Not tested')
  await expect(authTestPanel(detailPane(page)).getByRole('alert')).toContainText('has no provider. Choose one')
  await keyward.screenshot('key-detail-not-testable')

  // The Tests section: every key with its last outcome; Test all runs to the end with its counts.
  await showSection(page, 'Tests')
  await expect(testList(page).getByRole('row')).toHaveCount(4)
  await expect(testRow(page, 'Clipia production').locator('[data-outcome="invalid"]')).toBeVisible()
  await expect(testRow(page, 'Clodura enrichment')).toContainText('Not tested yet.')
  await expect(testRow(page, 'Clodura enrichment')).toContainText(new URL(simulator().baseUrls.clodura).host)
  await page.getByRole('button', { name: 'Test all' }).click()
  const run = page.getByRole('region', { name: 'Test all' })
  await expect(run.getByRole('status')).toHaveText(/^Tested 3 keys in [\d.]+ s$/, { timeout: 20_000 })
  await expect(run.getByRole('progressbar', { name: 'Keys tested' })).toHaveAttribute('aria-valuetext', '4 of 4')
  await expect(run.getByRole('list', { name: 'Outcomes so far' })).toContainText('2 valid')
  await expect(run.getByRole('list', { name: 'Outcomes so far' })).toContainText('1 rejected')
  await run.getByText('Skipped (1)').click()
  await expect(run.getByRole('list', { name: 'Keys not tested' })).toContainText(
    '1 key has no provider: choose one so Keyward knows how to test it',
  )
  await expect(testRow(page, 'Clodura enrichment').locator('[data-outcome="valid"]')).toBeVisible()
  await keyward.screenshot('tests-panel')

  // Filters by outcome; then the detail of a key: what it is tested with, the facts, the history.
  await page
    .getByRole('group', { name: 'Filter by outcome' })
    .getByRole('button', { name: /^Rejected/ })
    .click()
  await expect(testList(page).getByRole('row')).toHaveCount(1)
  await expect(testRow(page, 'Clipia production')).toBeVisible()
  await page.getByRole('group', { name: 'Filter by outcome' }).getByRole('button', { name: /^All/ }).click()
  await expect(testList(page).getByRole('row')).toHaveCount(4)

  await testRow(page, 'Clodura enrichment').click()
  const cloduraDetail = testDetailPane(page)
  await expect(cloduraDetail.getByRole('region', { name: 'Tested with' })).toContainText(
    'Starter — 1/s, 10/min, 600/day',
  )
  await expect(cloduraDetail.getByRole('region', { name: 'Tested with' })).toContainText(simulator().baseUrls.clodura)
  await expect(cloduraDetail.getByRole('region', { name: 'What Clodura said' })).toContainText('740')
  await expect(cloduraDetail.getByRole('region', { name: 'What Clodura said' })).toContainText('Starter')
  await expect(cloduraDetail.getByRole('list', { name: 'Test history' }).getByRole('listitem')).toHaveCount(1)

  await testRow(page, 'Airclou payments').click()
  const history = testDetailPane(page).getByRole('list', { name: 'Test history' })
  await expect(history.getByRole('listitem')).toHaveCount(2)
  await expect(history.getByRole('listitem').first()).toContainText('HTTP 200')
  await expect(testDetailPane(page)).toContainText(`via ${simulator().baseUrls.airclou}`)

  await testRow(page, 'Clipia production').click()
  await expect(
    testDetailPane(page).getByRole('list', { name: 'Test history' }).getByRole('listitem').first(),
  ).toContainText('HTTP 401')
  await keyward.screenshot('tests-detail-invalid')

  // The keyboard works here as in the vault: arrows move (after the run, failing keys first, then the
  // untested, then the valid ones), Enter opens, t tests.
  await testList(page).focus()
  const selected = testList(page).getByRole('row', { selected: true })
  await expect(selected).toContainText('Clipia production')
  await page.keyboard.press('ArrowDown')
  await expect(selected).toContainText('Mystery')
  await page.keyboard.press('ArrowDown')
  await expect(selected).toContainText('Airclou payments')
  await page.keyboard.press('t')
  await expect(testDetailPane(page).getByRole('list', { name: 'Test history' }).getByRole('listitem')).toHaveCount(3)
  await page.keyboard.press('Enter')
  await expect(testDetailPane(page)).toBeFocused()

  // A skipped key's way out: open it in the vault, where its provider is chosen.
  await page.getByRole('list', { name: 'Keys not tested' }).getByRole('button', { name: 'Open Mystery' }).click()
  await expect(keyList(page).getByRole('option', { selected: true })).toContainText('Mystery')
  await expect(detailPane(page)).toBeFocused()

  // Keys went only to their own (simulated) providers, over HTTPS, read-only.
  expect(simulator().requests.filter((request) => request.sideEffect !== null)).toEqual([])
  expect(
    simulator().requests.every(
      (request) => request.protocol === 'https' && request.credential.registeredFor === request.provider,
    ),
  ).toBe(true)
  await expectNoSecretsInPage(
    page,
    Object.values(keys).map((key) => key.value),
  )
})

test('Test all shows its progress in the panel and the status line, and Cancel stops it', async ({ page, keyward }) => {
  const slow = { value: fakeKeys.airclouTest(), name: 'Airclou behind a slow proxy' }
  const clodura = { value: fakeKeys.clodura(), name: 'Clodura starter', provider: 'Clodura' }
  simulator().registerKey('airclou', { value: slow.value, behaviour: 'timeout' })
  simulator().registerKey('clodura', { value: clodura.value, plan: 'Starter' })

  await createVault(page)
  await addKey(page, slow)
  await addKey(page, clodura)
  await showSection(page, 'Settings')
  await pointProviderAt(page, keyward, 'airclou', simulator().baseUrls.airclou, simulator().caPath)
  await pointProviderAt(page, keyward, 'clodura', simulator().baseUrls.clodura, simulator().caPath)

  await showSection(page, 'Tests')
  await page.getByRole('button', { name: 'Test all' }).click()
  const run = page.getByRole('region', { name: 'Test all' })
  await expect(run.getByRole('status')).toHaveText('Testing 1 of 2 keys', { timeout: 10_000 })
  await expect(run.getByRole('progressbar', { name: 'Keys tested' })).toHaveAttribute('aria-valuetext', '1 of 2')
  await expect(page.locator('.status-line')).toContainText('Testing keys 1/2')
  await expect(page.getByRole('button', { name: 'Testing…' })).toBeDisabled()
  await dismissToasts(page)
  await keyward.screenshot('tests-running')

  await run.getByRole('button', { name: 'Cancel' }).click()
  await expect(run.getByRole('status')).toHaveText('Canceled after 1 of 2 keys')
  await expect(page.locator('.status-line')).not.toContainText('Testing keys')
  await expect(page.getByRole('button', { name: 'Test all' })).toBeEnabled()
  await expect(testRow(page, 'Clodura starter').locator('[data-outcome="valid"]')).toBeVisible()
  await expect(testRow(page, 'Airclou behind a slow proxy')).toContainText('Not tested yet.')
  await expectNoSecretsInPage(page, [slow.value, clodura.value])
})

test('a provider with no fixed endpoint is tested at the key’s verify URL, and a Clipia key in the header chosen', async ({
  page,
  keyward,
}) => {
  const cloro = { value: fakeKeys.cloro(), name: 'Cloro search', provider: 'Cloro' }
  const clipia = { value: fakeKeys.clipiaTest(), name: 'Clipia sandbox' }
  simulator().registerKey('cloro', { value: cloro.value })
  simulator().registerKey('clipia', { value: clipia.value })

  await createVault(page)
  await addKey(page, cloro)
  await addKey(page, clipia)

  // Cloro's docs name no endpoint: the test says so, and the key's Verify URL is the way out.
  await keyRow(page, 'Cloro search').click()
  const detail = detailPane(page)
  await authTestPanel(detail).getByRole('button', { name: 'Test', exact: true }).click()
  await expect(authTestPanel(detail).getByRole('alert')).toContainText('Not tested')
  await expect(authTestPanel(detail).getByRole('alert')).toContainText(/verify URL/)
  await detail.getByLabel('Verify URL').fill('http://127.0.0.1/plain')
  await detail.getByLabel('Verify URL').press('Enter')
  await expect(detail.getByText(/must start with https:\/\//)).toBeVisible()
  await detail.getByLabel('Verify URL').fill(simulator().verifyUrls.cloro)
  await keyward.answerNextConfirmation(true)
  await detail.getByLabel('Verify URL').press('Enter')
  await expect(detail.getByText(/must start with https:\/\//)).toBeHidden()

  await showSettings(page, 'Providers')
  const cloroRow = providerRow(page, 'cloro')
  await cloroRow.locator('.provider-row-toggle').click()
  await keyward.answerNextFileDialog(simulator().caPath)
  await keyward.answerNextConfirmation(true)
  await cloroRow.getByRole('button', { name: 'Trust a CA certificate…' }).click()
  await expect(cloroRow.getByRole('button', { name: 'Remove' })).toBeVisible()

  await showSection(page, 'Vault')
  await keyRow(page, 'Cloro search').click()
  await authTestPanel(detail).getByRole('button', { name: 'Test', exact: true }).click()
  await expect(authTestPanel(detail).locator('[data-outcome="valid"]')).toBeVisible()
  await expect(authTestPanel(detail)).toContainText('Cloro accepted the key.')

  // Clipia takes three header schemes; the one chosen is the one sent.
  await showSection(page, 'Settings')
  await pointProviderAt(page, keyward, 'clipia', simulator().baseUrls.clipia, simulator().caPath)
  await showSection(page, 'Vault')
  await keyRow(page, 'Clipia sandbox').click()
  await detail.getByLabel('Header').selectOption({ label: 'X-Api-Key header' })
  await expect(detail.getByLabel('Header')).toHaveValue(/x-api-key/i)
  await page.keyboard.press('Escape')
  await keyList(page).focus()
  await page.keyboard.press('t')
  await expect(authTestPanel(detail).locator('[data-outcome="valid"]')).toBeVisible()
  await expect(detail.getByRole('region', { name: 'What Clipia said' })).toContainText('25')
  expect(
    simulator()
      .requests.filter((request) => request.provider === 'clipia')
      .at(-1)?.credential.scheme,
  ).toMatch(/x-api-key/i)
  await dismissToasts(page)
  await keyward.screenshot('key-detail-test-settings')
  await expectNoSecretsInPage(page, [cloro.value, clipia.value])
})

test('a rate-limited key says when the next test can go, and a test held back for it says so in words', async ({
  page,
  keyward,
}) => {
  const throttled = { value: fakeKeys.airclouLive(), name: 'Airclou batch jobs' }
  simulator().registerKey('airclou', {
    value: throttled.value,
    behaviour: 'retry-after-seconds',
    retryAfterSeconds: 30,
  })

  await createVault(page)
  await addKey(page, throttled)
  await showSection(page, 'Settings')
  await pointProviderAt(page, keyward, 'airclou', simulator().baseUrls.airclou, simulator().caPath)

  await showSection(page, 'Tests')
  await testRow(page, 'Airclou batch jobs').getByRole('button', { name: 'Test Airclou batch jobs' }).click()
  const panel = authTestPanel(testDetailPane(page))
  await expect(panel.locator('[data-outcome="rate_limited"]')).toHaveText('Rate limited')
  await expect(panel.locator('.test-result-sentence')).toHaveText('429: too many requests.')
  await expect(panel.getByRole('timer')).toHaveText(/^Next test possible in (2\d|3\d) s\.$/)
  await expect(testRow(page, 'Airclou batch jobs').locator('[data-outcome="rate_limited"]')).toBeVisible()
  // Rate limited is not a broken key: the sidebar counts no failure.
  await expect(
    page.getByRole('navigation', { name: 'Keyward' }).getByRole('button', { name: /^Tests/ }),
  ).not.toContainText('failing')

  await panel.getByRole('button', { name: 'Test', exact: true }).click()
  const refusal = panel.getByRole('alert')
  await expect(refusal).toContainText('Not sent yet')
  await expect(refusal).toContainText(
    /Held back to stay within Airclou's limits for this key: the next test is possible in \d+ s\./,
  )
  // Waiting is the way out: no button to elsewhere, and the countdown of the last answer stays.
  await expect(refusal.getByRole('button')).toHaveCount(0)
  await expect(panel.getByRole('timer')).toHaveText(/^Next test possible in \d+ s\.$/)
  await expect(testRow(page, 'Airclou batch jobs')).toContainText('429: too many requests.')
  await expect(testRow(page, 'Airclou batch jobs')).not.toContainText('Next test possible')
  await dismissToasts(page)
  await keyward.screenshot('tests-rate-limited')
  // Only the first test reached Airclou; the held-back one was never sent.
  expect(
    simulator().requests.filter(
      (request) => request.credential.registeredFor === 'airclou' && request.reason.startsWith('behaviour'),
    ),
  ).toHaveLength(1)
  await expectNoSecretsInPage(page, [throttled.value])
})
