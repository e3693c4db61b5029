// The README's screenshots (docs/screenshots/vault-*.png, tests-*.png, scanner-*.png): a vault of FAKE keys, masked
// as always, tested against the provider simulator. Runs only with KEYWARD_DOCS_SCREENSHOTS=1 so the
// normal suite does not rewrite them.
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { startProviderSimulator } from '../simulator/index'
import { fakeKeys } from '../support/fakeKeys'
import { GitRepository } from '../support/gitRepository'
import { expect, test } from './fixtures'
import { addKey, createVault, keyList, keyRow } from './steps'
import { dismissToasts, pointProviderAt, showProvidersOverview, showSection, testList, testRow } from './testSteps'

const screenshotDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots')

/** The page as it is, light then dark, as docs/screenshots/NAME-light.png and NAME-dark.png. */
const saveInBothThemes = async (page: Page, name: string): Promise<void> => {
  mkdirSync(screenshotDirectory, { recursive: true })
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({
      path: join(screenshotDirectory, `${name}-${colorScheme}.png`),
      animations: 'disabled',
      caret: 'hide',
    })
  }
}

test('README screenshots of a populated vault', async ({ page }) => {
  test.setTimeout(120_000)
  await createVault(page)
  const keys = [
    { value: fakeKeys.clipiaLive(), name: 'Clipia production', tags: 'backend, billing', scopes: 'generate, read' },
    { value: fakeKeys.clipiaTest(), name: 'Clipia sandbox', tags: 'backend', scopes: 'read' },
    { value: fakeKeys.airclouLive(), name: 'Airclou payments', tags: 'billing', scopes: 'read, write' },
    { value: fakeKeys.airclouTest(), name: 'Airclou staging', tags: 'ci' },
    { value: fakeKeys.agentclaraLive(), name: 'AgentClara assistant', provider: 'AgentClara', tags: 'ai' },
    {
      value: fakeKeys.clodura(),
      name: 'Clodura enrichment',
      provider: 'Clodura',
      environment: 'live' as const,
      tags: 'data, crm',
    },
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

  await saveInBothThemes(page, 'vault')
})

test('README screenshots of the Tests section after Test all', async ({ page, keyward }) => {
  test.setTimeout(120_000)
  const simulator = await startProviderSimulator()
  try {
    await createVault(page)
    const keys = [
      { value: fakeKeys.clipiaLive(), name: 'Clipia production', spec: ['clipia', { state: 'revoked' }] },
      { value: fakeKeys.clipiaTest(), name: 'Clipia sandbox', spec: ['clipia', {}] },
      {
        value: fakeKeys.airclouLive(),
        name: 'Airclou payments',
        spec: ['airclou', { permissions: ['read', 'write'], expiresAt: '2027-03-01T00:00:00Z' }],
      },
      { value: fakeKeys.airclouTest(), name: 'Airclou staging', spec: ['airclou', { state: 'expired' }] },
      {
        value: fakeKeys.agentclaraLive(),
        name: 'AgentClara assistant',
        provider: 'AgentClara',
        spec: ['agentclara', {}],
      },
      {
        value: fakeKeys.clodura(),
        name: 'Clodura enrichment',
        provider: 'Clodura',
        spec: ['clodura', { plan: 'Starter', credits: 740 }],
      },
      { value: fakeKeys.cloro(), name: 'Legacy webhook secret', spec: null },
    ] as const
    for (const key of keys) {
      if (key.spec)
        simulator.registerKey(key.spec[0], { value: key.value, ...key.spec[1] } as Parameters<
          typeof simulator.registerKey
        >[1])
      await addKey(page, key)
    }
    await showSection(page, 'Settings')
    for (const provider of ['clipia', 'airclou', 'agentclara', 'clodura'] as const) {
      await pointProviderAt(page, keyward, provider, simulator.baseUrls[provider], simulator.caPath)
    }
    await showProvidersOverview(page)
    await showSection(page, 'Tests')
    await page.getByRole('button', { name: 'Test all' }).click()
    await expect(page.getByRole('region', { name: 'Test all' }).getByRole('status')).toHaveText(/^Tested 6 keys/, {
      timeout: 30_000,
    })
    await expect(testList(page).getByRole('row')).toHaveCount(keys.length)
    await testRow(page, 'Airclou payments').click()
    await expect(page.locator('#test-detail').getByRole('region', { name: 'What Airclou said' })).toBeVisible()
    await page.mouse.move(0, 0)
    await dismissToasts(page)

    await saveInBothThemes(page, 'tests')
    await showSection(page, 'Vault')
  } finally {
    await simulator.close()
  }
})

test('README screenshots of the Scanner after scanning a repository', async ({ page, keyward }) => {
  test.setTimeout(120_000)
  const simulator = await startProviderSimulator()
  const repository = GitRepository.init(join(keyward.directory, 'projects', 'storefront'))
  try {
    const airclou = fakeKeys.airclouLive()
    const clodura = fakeKeys.clodura()
    const clipiaTest = fakeKeys.clipiaTest()
    simulator.registerKey('airclou', { value: airclou })
    const dev = { name: 'Sam Developer', email: 'sam@example.invalid' }
    repository.write('README.md', '# storefront\n\nSet CLIPIA_KEY=$CLIPIA_KEY before npm start.\n')
    repository.write('.env', `AIRCLOU_API_KEY=${airclou}\nPORT=3000\n`)
    repository.commit('Local settings', dev, '2026-08-11T16:02:00Z', { all: true })
    repository.remove('.env')
    repository.commit('Remove .env', dev, '2026-08-12T09:10:00Z', { all: true })
    repository.write('deploy/enrichment.yml', `endpoint: https://api.clodura.ai\ntoken: ${clodura}\n`)
    repository.write('test/fixtures/clipia.json', `{ "key": "${clipiaTest}" }\n`)
    repository.write('scripts/upload.sh', `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIA${'Q3EGRTZ5KXW7PLMN'}\n`)
    repository.commit('Deploy and fixtures', dev, '2026-10-02T11:45:00Z', { all: true })

    await createVault(page)
    await addKey(page, { value: airclou, name: 'Airclou payments' })
    await addKey(page, { value: clodura, name: 'Clodura enrichment', provider: 'Clodura', environment: 'live' })
    await addKey(page, { value: clipiaTest, name: 'Clipia sandbox' })
    await showSection(page, 'Settings')
    await pointProviderAt(page, keyward, 'airclou', simulator.baseUrls.airclou, simulator.caPath)
    await showSection(page, 'Scanner')
    await keyward.answerNextFileDialog(repository.root)
    await page.getByRole('button', { name: 'Choose folder…' }).first().click()
    await page.getByRole('button', { name: 'Scan', exact: true }).click()
    await expect(page.getByRole('region', { name: 'Scan progress' }).getByRole('status')).toHaveText(/^Scanned in/)
    const findings = page.getByRole('listbox', { name: 'Findings' })
    await findings.locator('li[data-path=".env"]').click()
    await page.locator('#finding-detail').getByRole('button', { name: 'Test this value' }).click()
    await expect(page.locator('#finding-detail [data-outcome="valid"]')).toBeVisible()
    await page.mouse.move(0, 0)
    await dismissToasts(page)

    await saveInBothThemes(page, 'scanner')
  } finally {
    repository.dispose()
    await simulator.close()
  }
})
