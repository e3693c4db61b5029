// Settings → Providers, for a provider Keyward does not know: a JSON definition started from the
// template; a wrong one is refused with the schema's own words, a right one joins the list, and can go.
import { expect, test } from './fixtures'
import { createVault } from './steps'
import {
  dismissToasts,
  openProviderRow,
  providerList,
  providerRow,
  showProvidersOverview,
  showSettings,
} from './testSteps'

test('a custom provider: the schema’s error shown as is, then saved, listed and deleted', async ({ page, keyward }) => {
  await createVault(page)
  await showSettings(page, 'Providers')
  await expect(providerList(page).locator('li')).not.toHaveCount(0)
  const builtIn = await providerList(page).locator('li').count()

  await page.getByRole('button', { name: 'Add a provider…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add a provider' })
  const editor = dialog.getByLabel('Definition (JSON)')
  await expect(editor).toBeFocused()
  const template = await editor.inputValue()
  expect(JSON.parse(template)).toMatchObject({ id: 'acme', name: 'Acme', hosts: ['api.acme.dev'] })

  // Not JSON at all.
  await editor.fill(`${template}}`)
  await dialog.getByRole('button', { name: 'Save provider' }).click()
  await expect(dialog.getByRole('alert')).toContainText('The provider definition is not valid JSON:')

  // JSON, but the verify URL goes to a host the provider does not list.
  await editor.fill(template.replace('"hosts": ["api.acme.dev"]', '"hosts": ["api.acme-staging.dev"]'))
  await dialog.getByRole('button', { name: 'Save provider' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(
    "The provider definition is not valid: authTest.verify.url: the verify URL's host api.acme.dev is not one of the provider's hosts (api.acme-staging.dev).",
  )
  await editor.evaluate((element) => element.scrollTo(0, 0))
  await keyward.screenshot('custom-provider-error')

  await dialog.getByRole('button', { name: 'Start over from the template' }).click()
  await expect(dialog.getByRole('alert')).toBeHidden()
  // A new provider is a new place keys go: main asks first.
  await keyward.answerNextConfirmation(true)
  await dialog.getByRole('button', { name: 'Save provider' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').getByText('Added Acme to the providers')).toBeVisible()
  await expect(providerList(page).locator('li')).toHaveCount(builtIn + 1)
  await expect(providerRow(page, 'acme')).toContainText('yours')
  await expect(providerRow(page, 'acme')).toContainText('api.acme.dev')

  const acme = await openProviderRow(page, 'acme')
  const settings = page.getByRole('region', { name: 'Acme provider' })
  await expect(settings).toContainText(/Free\s*\(default\)/)
  await expect(settings).toContainText('1/s, 30/min')
  await expect(settings).toContainText('every 90 days')
  await expect(settings).toContainText('acme_live_ (live)')
  // A base URL must be https.
  await settings.getByLabel('Base URL').fill('http://127.0.0.1:8080')
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(settings.getByRole('alert')).toHaveText(
    'A base URL must start with https://: Keyward never sends a key in the clear.',
  )
  await settings.getByLabel('Base URL').fill('https://acme.staging.internal:8443')
  await keyward.answerNextConfirmation(true)
  await settings.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(acme.locator('.provider-row-toggle')).toContainText('via https://acme.staging.internal:8443')
  await settings.getByRole('button', { name: 'Reset to default' }).click()
  await expect(acme.locator('.provider-row-toggle')).not.toContainText('via')
  await dismissToasts(page)
  await keyward.screenshot('custom-provider-listed')

  // Delete asks first; Cancel keeps it.
  await settings.getByRole('button', { name: 'Delete provider…' }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete the provider “Acme”?' })
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(providerRow(page, 'acme')).toBeVisible()
  await settings.getByRole('button', { name: 'Delete provider…' }).click()
  await confirm.getByRole('button', { name: 'Delete provider' }).click()
  await expect(confirm).toBeHidden()
  await expect(providerRow(page, 'acme')).toHaveCount(0)
  await expect(providerList(page).locator('li')).toHaveCount(builtIn)
  await showProvidersOverview(page)
})
