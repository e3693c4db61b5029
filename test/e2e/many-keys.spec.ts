// 10,000 keys: every one reachable in Vault, Tests and Rotation (the lists are virtualised: only a
// screenful of rows is drawn), by keyboard (End, Home, PageDown, arrows) and by search, with the
// counts agreeing in every panel. The keys come through main's real .env import.
import type { Locator, Page } from '@playwright/test'
import type { KeywardApi } from '#contract'
import { expect, test } from './fixtures'
import { importManyKeys, manyKeyName } from './manyKeys'
import { createVault, keyList } from './steps'

const KEY_COUNT = 10_000
/** Far fewer rows than keys are in the page at once: the lists draw what is in view. */
const MOST_ROWS_DRAWN = 100

const selectedRow = (list: Locator): Locator => list.locator('[aria-selected="true"]')

const expectSelected = async (list: Locator, name: string): Promise<void> => {
  const row = selectedRow(list)
  await expect(row).toHaveAttribute('data-key-name', name)
  await expect(row).toBeInViewport()
}

/** End, Home, PageDown and the arrows over the whole list, from the list itself. */
const walkByKeyboard = async (page: Page, list: Locator): Promise<void> => {
  await list.focus()
  await page.keyboard.press('End')
  await expectSelected(list, manyKeyName(KEY_COUNT))
  await page.keyboard.press('ArrowUp')
  await expectSelected(list, manyKeyName(KEY_COUNT - 1))
  await page.keyboard.press('Home')
  await expectSelected(list, manyKeyName(1))
  await page.keyboard.press('PageDown')
  const afterPage = await selectedRow(list).getAttribute('data-key-name')
  expect(afterPage! > manyKeyName(2), `PageDown moves a screenful (to ${afterPage})`).toBe(true)
  await expect(selectedRow(list)).toBeInViewport()
  await page.keyboard.press('PageUp')
  await expectSelected(list, manyKeyName(1))
}

test('10,000 keys: the last one by keyboard and by search, the same count in every panel', async ({
  page,
  keyward,
}) => {
  test.setTimeout(180_000)
  await createVault(page)
  await importManyKeys(page, keyward, KEY_COUNT)

  // Vault: the whole vault counted, no "showing 1000".
  const vaultList = keyList(page)
  await expect(page.locator('.list-summary')).toHaveText(/^10,000 keys$/)
  await expect(page.getByRole('navigation', { name: 'Keyward' }).locator('.section-count').first()).toHaveText('10,000')
  await expect(selectedRow(vaultList)).toHaveAttribute('data-key-name', manyKeyName(1))
  expect(await vaultList.getByRole('option').count()).toBeLessThan(MOST_ROWS_DRAWN)
  await expect(vaultList.getByRole('option').first()).toHaveAttribute('aria-setsize', String(KEY_COUNT))
  await walkByKeyboard(page, vaultList)
  await keyward.screenshot('vault-10000-keys-top')
  await page.keyboard.press('End')
  await expectSelected(vaultList, manyKeyName(KEY_COUNT))
  await keyward.screenshot('vault-10000-keys-end')

  // Search: the last key found by its number, the count in matches.
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('10000')
  await expect(page.locator('.list-summary')).toHaveText(/^1 match/)
  await expectSelected(vaultList, manyKeyName(KEY_COUNT))
  // The window filters the index it holds: it finds what main's search finds, text and case alike.
  for (const text of ['999', 'SERVICE_KEY_12', 'agentclara', 'no such key']) {
    const mainTotal = await page.evaluate(
      async (query) =>
        await (globalThis as unknown as { keyward: KeywardApi }).keyward.listKeys({ text: query, limit: 1 }),
      text,
    )
    if (!mainTotal.ok) throw new Error(mainTotal.error.message)
    await page.getByRole('searchbox', { name: 'Search keys' }).fill(text)
    const matches = mainTotal.value.total
    await expect(page.locator('.list-summary')).toHaveText(
      new RegExp(`^${matches.toLocaleString('en-US')} match${matches === 1 ? '' : 'es'}`),
    )
  }
  await page.locator('.list-summary').getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.locator('.list-summary')).toHaveText(/^10,000 keys$/)

  // Tests: the same count in its summary and its All chip, and the last key by keyboard.
  await page.keyboard.press('Control+2')
  const testList = page.getByRole('grid', { name: 'Keys and their last tests' })
  await expect(page.getByRole('region', { name: 'Tests list' })).toContainText('10,000 keys')
  await expect(
    page.getByRole('group', { name: 'Filter by outcome' }).getByRole('button', { name: /^All/ }),
  ).toContainText('10,000')
  expect(await testList.getByRole('row').count()).toBeLessThan(MOST_ROWS_DRAWN)
  await expect(testList).toHaveAttribute('aria-rowcount', String(KEY_COUNT))
  await walkByKeyboard(page, testList)

  // Rotation: every key in a state group, the group counts adding up, the last key by keyboard.
  await page.keyboard.press('Control+3')
  const rotationList = page.getByRole('grid', { name: 'Keys by rotation state' })
  await expect(page.getByRole('region', { name: 'Rotation list' })).toContainText('10,000 keys')
  expect(await rotationList.getByRole('row').count()).toBeLessThan(MOST_ROWS_DRAWN)
  await rotationList.focus()
  await page.keyboard.press('End')
  await expect(selectedRow(rotationList)).toBeInViewport()
  const lastRotationKey = await selectedRow(rotationList).getAttribute('data-key-name')
  expect(lastRotationKey).toMatch(/^Service key \d{5}$/)
  await page.keyboard.press('Home')
  // In view and not under the group's sticky title: the row's own top edge is what the pointer would hit.
  await expect(selectedRow(rotationList)).toBeInViewport({ ratio: 1 })
  const coveredAtTop = await selectedRow(rotationList).evaluate((row) => {
    const box = row.getBoundingClientRect()
    return !row.contains(row.ownerDocument.elementFromPoint(box.left + box.width / 2, box.top + 3))
  })
  expect(coveredAtTop, 'the selected row is hidden under the sticky group title').toBe(false)
  await expect(rotationList.locator('.rotation-group-title')).toHaveText([/^OK\s*10,000$/])
  await keyward.screenshot('rotation-10000-keys')
})
