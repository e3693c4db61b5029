// What a user does, as reusable steps: create the vault, add a key through the dialog, find a row.
import { expect, type Locator, type Page } from '@playwright/test'

export const MASTER_PASSWORD = 'velvet-otter-harbour-42'

export const createVault = async (page: Page, password = MASTER_PASSWORD): Promise<void> => {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
  await page.getByLabel('Master password', { exact: true }).fill(password)
  await page.getByLabel('Confirm master password').fill(password)
  await page.getByRole('button', { name: 'Create vault' }).click()
  await expect(page.getByRole('navigation', { name: 'Keyward' })).toBeVisible()
}

export const unlockVault = async (page: Page, password = MASTER_PASSWORD): Promise<void> => {
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await page.getByLabel('Master password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('navigation', { name: 'Keyward' })).toBeVisible()
}

export interface KeyToAdd {
  value: string
  name: string
  /** A provider's display name to choose by hand (otherwise the guess stays). */
  provider?: string
  environment?: 'live' | 'test' | 'other'
  tags?: string
  scopes?: string
}

export const addKeyDialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Add key' })

export const addKey = async (page: Page, key: KeyToAdd): Promise<void> => {
  // The toolbar's (an empty vault's own empty state offers the same button).
  await page.locator('.list-toolbar').getByRole('button', { name: 'Add key…', exact: true }).click()
  const dialog = addKeyDialog(page)
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Value', { exact: true }).fill(key.value)
  // Wait for main's guess before touching the fields it fills.
  await expect(dialog.getByText(/^(Looks like a|No known prefix)/)).toBeVisible()
  await dialog.getByLabel('Name', { exact: true }).fill(key.name)
  if (key.provider) await dialog.getByLabel('Provider', { exact: true }).selectOption({ label: key.provider })
  if (key.environment) await dialog.getByRole('radio', { name: key.environment, exact: true }).check({ force: true })
  if (key.tags) await dialog.getByLabel('Tags').fill(key.tags)
  if (key.scopes) await dialog.getByLabel('Scopes').fill(key.scopes)
  await dialog.getByRole('button', { name: 'Add key', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(keyRow(page, key.name)).toBeVisible()
}

export const keyList = (page: Page): Locator => page.getByRole('listbox', { name: 'Keys' })

export const keyRow = (page: Page, name: string): Locator =>
  keyList(page)
    .getByRole('option')
    .filter({ has: page.locator(`.key-row-name`, { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) })

export const detailPane = (page: Page): Locator => page.locator('#key-detail')

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The page's markup and visible text hold none of these values. */
export const expectNoSecretsInPage = async (page: Page, values: string[]): Promise<void> => {
  const html = await page.content()
  const text = await page.locator('body').innerText()
  for (const value of values) {
    expect(html.includes(value), 'a secret value appears in the page markup').toBe(false)
    expect(text.includes(value), 'a secret value appears in the page text').toBe(false)
  }
}

/**
 * What a compromised page can try on the harness: answer main's confirmation with the one token it
 * holds (its URL's), under both headers. Answers the HTTP status (403: refused).
 */
export const answerConfirmationWithPageToken = async (page: Page, answer: Record<string, unknown>): Promise<number> => {
  const pageUrl = new URL(page.url())
  const token = pageUrl.searchParams.get('token') ?? ''
  const response = await fetch(`${pageUrl.origin}/__confirm/answer`, {
    method: 'POST',
    headers: { 'x-keyward-token': token, 'x-keyward-confirm-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(answer),
  })
  return response.status
}
