// What a user does around auth tests, as reusable steps: open Settings → Providers and point one at
// another base URL with its CA trusted, open the Tests section, find a row there.
import { expect, type Locator, type Page } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { startProviderSimulator, type ProviderSimulator } from '../simulator/index'
import { test, type KeywardHelpers } from './fixtures'
import { addKey, createVault } from './steps'

export const showSection = async (
  page: Page,
  name: 'Vault' | 'Tests' | 'Rotation' | 'Scanner' | 'Settings',
): Promise<void> => {
  await page
    .getByRole('navigation', { name: 'Keyward' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click()
}

export type SettingsSectionName = 'General' | 'Security' | 'Backups' | 'Rotation' | 'Providers' | 'Activity'

/** Opens Settings at one of its sections, by its tab. */
export const showSettings = async (page: Page, name: SettingsSectionName): Promise<void> => {
  await showSection(page, 'Settings')
  await page.getByRole('tablist', { name: 'Settings sections' }).getByRole('tab', { name, exact: true }).click()
  await expect(page.getByRole('tabpanel', { name })).toBeVisible()
}

export const providerList = (page: Page): Locator => page.getByRole('list', { name: 'Providers', exact: true })

/** The provider's line in Settings → Providers (its summary button, and once open, its settings). */
export const providerRow = (page: Page, providerId: string): Locator =>
  providerList(page).locator(`li[data-provider="${providerId}"]`)

/** Opens the provider's line, from Settings › Providers (which it opens first when it is not showing). */
export const openProviderRow = async (page: Page, providerId: string): Promise<Locator> => {
  if (!(await providerList(page).isVisible())) await showSettings(page, 'Providers')
  const row = providerRow(page, providerId)
  const toggle = row.locator('.provider-row-toggle')
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  return row
}

/** Types the base URL, saves it, then trusts the CA through the file dialog, as a user would. */
export const pointProviderAt = async (
  page: Page,
  keyward: KeywardHelpers,
  providerId: string,
  baseUrl: string,
  caPath: string,
): Promise<void> => {
  const row = await openProviderRow(page, providerId)
  await row.getByLabel('Base URL').fill(baseUrl)
  // Sending the provider's keys elsewhere, and trusting another CA, each wait for main's confirmation.
  await keyward.answerNextConfirmation(true)
  await row.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(row.locator('.provider-row-toggle')).toContainText(`via ${baseUrl}`)
  await keyward.answerNextFileDialog(caPath)
  await keyward.answerNextConfirmation(true)
  await row.getByRole('button', { name: 'Trust a CA certificate…' }).click()
  await expect(row.getByRole('button', { name: 'Remove' })).toBeVisible()
  await expect(row.locator('.provider-row-toggle')).toContainText(/CA .+\.pem/)
}

export const testList = (page: Page): Locator => page.getByRole('grid', { name: 'Keys and their last tests' })

export const testRow = (page: Page, name: string): Locator =>
  testList(page)
    .getByRole('row')
    .filter({
      has: page.locator('.test-row-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    })

export const testDetailPane = (page: Page): Locator => page.locator('#test-detail')

/** The Auth test block of whichever detail pane is showing. */
export const authTestPanel = (pane: Locator): Locator => pane.getByRole('region', { name: 'Auth test' })

/** Closes any message in the corner, so a screenshot shows the screen itself. */
export const dismissToasts = async (page: Page): Promise<void> => {
  for (const close of await page.getByRole('button', { name: 'Dismiss message' }).all())
    await close.click().catch(() => undefined)
  await expect(page.locator('.toast')).toHaveCount(0)
}

/** Closes every opened provider line and brings the Providers heading to the top of Settings. */
export const showProvidersOverview = async (page: Page): Promise<void> => {
  const opened = providerList(page).locator('.provider-row-toggle[aria-expanded="true"]')
  while ((await opened.count()) > 0) await opened.first().click()
  await page
    .getByRole('heading', { name: 'Providers', exact: true })
    .evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
}

/** A new vault holding one Airclou key of that name, then Airclou's line opened in Settings › Providers. */
export const openAirclouWithKey = async (page: Page, keyName: string): Promise<{ row: Locator; settings: Locator }> => {
  await createVault(page)
  await addKey(page, { value: fakeKeys.airclouLive(), name: keyName })
  await showSection(page, 'Settings')
  const row = await openProviderRow(page, 'airclou')
  return { row, settings: page.getByRole('region', { name: 'Airclou provider' }) }
}

/** Types a base URL in a provider's open settings and presses Save (main may ask before it is saved). */
export const saveBaseUrl = async (settings: Locator, baseUrl: string): Promise<void> => {
  await settings.getByLabel('Base URL').fill(baseUrl)
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
}

/**
 * The HTTPS provider simulator for the tests of one spec file: started before the first, closed after
 * the last. Reached through the function it answers, since it exists only once the tests run.
 */
export const useProviderSimulator = (): (() => ProviderSimulator) => {
  let simulator: ProviderSimulator | undefined
  test.beforeAll(async () => {
    simulator = await startProviderSimulator()
  })
  test.afterAll(async () => {
    await simulator?.close()
  })
  return () => {
    if (!simulator) throw new Error('the provider simulator runs only while the tests do')
    return simulator
  }
}
