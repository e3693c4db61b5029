// The keys to rotate now, first in the Rotation panel: a key the scanner found in a repository
// (leaked) and a key its provider rejected at its last test, each with "Rotate now" and what happened
// (the repository, path and line; the provider's reason), before an expired key and an ok one.
import { basename, join } from 'node:path'
import type { Page } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { GitRepository } from '../support/gitRepository'
import { expect, test } from './fixtures'
import { dayFrom, mainNow, rotateDialog, rotationList, rotationPanel, rotationRow, showRotation } from './rotationSteps'
import { scanRepository } from './screenSteps'
import { addKey, createVault, detailPane, expectNoSecretsInPage, keyList, keyRow } from './steps'
import { authTestPanel, dismissToasts, pointProviderAt, showSection, useProviderSimulator } from './testSteps'

const simulator = useProviderSimulator()

/** How far the page reaches past the window sideways (0: it fits). */
const sidewaysOverflow = (page: Page): Promise<number> =>
  page
    .locator('body')
    .evaluate((body) => body.ownerDocument.documentElement.scrollWidth - body.ownerDocument.documentElement.clientWidth)

test('leaked and rejected keys come first, each with Rotate now and where it was found or why the provider refused it', async ({
  page,
  keyward,
}) => {
  test.setTimeout(90_000)
  const keys = {
    fine: { value: fakeKeys.airclouLive(), name: 'Airclou payments' },
    rejected: { value: fakeKeys.clipiaLive(), name: 'Clipia production' },
    leaked: { value: fakeKeys.clodura(), name: 'Clodura enrichment', provider: 'Clodura' },
    expired: { value: fakeKeys.cloro(), name: 'Cloro search', provider: 'Cloro' },
  }
  simulator().registerKey('clipia', { value: keys.rejected.value, state: 'revoked' })
  const repository = GitRepository.create('storefront-', join(keyward.directory, 'projects'))
  repository.write('deploy/settings.yml', `region: eu-west\ntoken: ${keys.leaked.value}\n`)
  repository.commit('deploy settings', { name: 'Dana Dev', email: 'dana@example.invalid' }, '2026-10-02T16:40:00Z', {
    all: true,
  })

  await createVault(page)
  for (const key of Object.values(keys)) await addKey(page, key)
  // An expiry already past: expired, but neither leaked nor rejected, so it comes after them.
  await keyRow(page, 'Cloro search').click()
  await detailPane(page)
    .getByLabel('Expires')
    .fill(dayFrom(await mainNow(page), -3))
  await expect(rotationPanel(detailPane(page)).locator('[data-rotation-state="expired"]')).toBeVisible()
  // The provider rejects the revoked Clipia key.
  await showSection(page, 'Settings')
  await pointProviderAt(page, keyward, 'clipia', simulator().baseUrls.clipia, simulator().caPath)
  await showSection(page, 'Vault')
  await keyRow(page, 'Clipia production').click()
  await keyList(page).focus()
  await page.keyboard.press('t')
  await expect(authTestPanel(detailPane(page)).locator('[data-outcome="invalid"]')).toHaveText('Rejected')
  // The scanner finds the Clodura key in the repository.
  await scanRepository(page, keyward, repository.root)

  await showRotation(page)
  await expect(rotationList(page).locator('.rotation-group-title')).toHaveText([
    /^Leaked\s*1$/,
    /^Rejected\s*1$/,
    /^Expired\s*1$/,
    /^OK\s*1$/,
  ])
  const leaked = rotationRow(page, 'Clodura enrichment')
  await expect(leaked).toContainText(`Found in ${basename(repository.root)}/deploy/settings.yml:2`)
  await expect(leaked).toContainText('rotate now')
  await expect(leaked).not.toContainText('in 90 days')
  await expect(leaked.getByRole('button', { name: 'Rotate now: Clodura enrichment' })).toHaveText('Rotate now…')
  const rejected = rotationRow(page, 'Clipia production')
  await expect(rejected.locator('[data-rotation-state="revoked"]')).toHaveText('Rejected')
  await expect(rejected).toContainText('invalid_api_key: the key is missing, wrong or revoked')
  await expect(rejected.getByRole('button', { name: 'Rotate now: Clipia production' })).toHaveText('Rotate now…')
  await expect(rotationRow(page, 'Cloro search').getByRole('button', { name: 'Rotate Cloro search' })).toHaveText(
    'Rotate…',
  )
  await dismissToasts(page)
  await keyward.screenshot('rotation-leaked-rejected-first')
  await page.setViewportSize({ width: 760, height: 480 })
  await expect(leaked).toContainText('Found in')
  expect(await sidewaysOverflow(page)).toBe(0)
  await keyward.screenshot('rotation-leaked-rejected-first-760')
  await page.setViewportSize({ width: 1280, height: 800 })

  // Rotate now opens the rotate flow for that key.
  await leaked.hover()
  await leaked.getByRole('button', { name: 'Rotate now: Clodura enrichment' }).click()
  await expect(rotateDialog(page, 'Clodura enrichment')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(rotateDialog(page, 'Clodura enrichment')).toBeHidden()
  await expectNoSecretsInPage(
    page,
    Object.values(keys).map((key) => key.value),
  )
})
