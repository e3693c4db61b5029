// The README's screenshots (docs/screenshots/vault-*.png, tests-*.png): a vault of FAKE keys, masked
// as always, tested against the provider simulator. Runs only with KEYWARD_DOCS_SCREENSHOTS=1 so the
// normal suite does not rewrite them.
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startProviderSimulator } from '../simulator/index'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, createVault, keyList, keyRow } from './steps'
import { dismissToasts, pointProviderAt, showProvidersOverview, showSection, testList, testRow } from './testSteps'

const screenshotDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots')

test('README screenshots of a populated vault', async ({ page }) => {
  test.setTimeout(120_000)
  await createVault(page)
  const keys = [
    { value: fakeKeys.clipiaLive(), name: 'Clipia production', tags: 'backend, billing', scopes: 'generate, read' },
    { value: fakeKeys.clipiaTest(), name: 'Clipia sandbox', tags: 'backend', scopes: 'read' },
    { value: fakeKeys.airclouLive(), name: 'Airclou payments', tags: 'billing', scopes: 'read, write' },
    { value: fakeKeys.airclouTest(), name: 'Airclou staging', tags: 'ci' },
    { value: fakeKeys.agentclaraLive(), name: 'AgentClara assistant', provider: 'AgentClara', tags: 'ai' },
    { value: fakeKeys.clodura(), name: 'Clodura enrichment', provider: 'Clodura', environment: 'live' as const, tags: 'data, crm' },
    { value: fakeKeys.cloro(), name: 'Cloro search', provider: 'Cloro', environment: 'test' as const, tags: 'data' },
    { value: `ghp_${fakeKeys.clodura().slice(0, 36)}`, name: 'GitHub deploy bot', tags: 'ci' },
  ]
  for (const key of keys) await addKey(page, key)
  await expect(keyList(page).getByRole('option')).toHaveCount(keys.length)
  await keyRow(page, 'Clipia production').click()
  const detail = page.locator('#key-detail')
  await detail.getByLabel('Notes').fill('Image generation for the storefront. Owner: platform team.')
  await detail.getByLabel('Expires').fill('2027-03-31')
  await page.getByRole('searchbox', { name: 'Search keys' }).click()
  await page.locator('body').click({ position: { x: 5, y: 790 } })
  await page.mouse.move(0, 0)
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 10_000 })
  await expect(page.locator('.section-count')).toHaveText(String(keys.length))

  mkdirSync(screenshotDirectory, { recursive: true })
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: join(screenshotDirectory, `vault-${colorScheme}.png`), animations: 'disabled', caret: 'hide' })
  }
})

test('README screenshots of the Tests section after Test all', async ({ page, keyward }) => {
  test.setTimeout(120_000)
  const simulator = await startProviderSimulator()
  try {
    await createVault(page)
    const keys = [
      { value: fakeKeys.clipiaLive(), name: 'Clipia production', spec: ['clipia', { state: 'revoked' }] },
      { value: fakeKeys.clipiaTest(), name: 'Clipia sandbox', spec: ['clipia', {}] },
      { value: fakeKeys.airclouLive(), name: 'Airclou payments', spec: ['airclou', { permissions: ['read', 'write'], expiresAt: '2027-03-01T00:00:00Z' }] },
      { value: fakeKeys.airclouTest(), name: 'Airclou staging', spec: ['airclou', { state: 'expired' }] },
      { value: fakeKeys.agentclaraLive(), name: 'AgentClara assistant', provider: 'AgentClara', spec: ['agentclara', {}] },
      { value: fakeKeys.clodura(), name: 'Clodura enrichment', provider: 'Clodura', spec: ['clodura', { plan: 'Starter', credits: 740 }] },
      { value: fakeKeys.cloro(), name: 'Legacy webhook secret', spec: null },
    ] as const
    for (const key of keys) {
      if (key.spec) simulator.registerKey(key.spec[0], { value: key.value, ...key.spec[1] } as Parameters<typeof simulator.registerKey>[1])
      await addKey(page, key)
    }
    await showSection(page, 'Settings')
    for (const provider of ['clipia', 'airclou', 'agentclara', 'clodura'] as const) {
      await pointProviderAt(page, keyward, provider, simulator.baseUrls[provider], simulator.caPath)
    }
    await showProvidersOverview(page)
    await showSection(page, 'Tests')
    await page.getByRole('button', { name: 'Test all' }).click()
    await expect(page.getByRole('region', { name: 'Test all' }).getByRole('status')).toHaveText(/^Tested 6 keys/, { timeout: 30_000 })
    await expect(testList(page).getByRole('option')).toHaveCount(keys.length)
    await testRow(page, 'Airclou payments').click()
    await expect(page.locator('#test-detail').getByRole('region', { name: 'What Airclou said' })).toBeVisible()
    await page.mouse.move(0, 0)
    await dismissToasts(page)

    mkdirSync(screenshotDirectory, { recursive: true })
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.screenshot({ path: join(screenshotDirectory, `tests-${colorScheme}.png`), animations: 'disabled', caret: 'hide' })
    }
    await showSection(page, 'Vault')
  } finally {
    await simulator.close()
  }
})
