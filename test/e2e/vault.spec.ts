// A developer's day with the vault: create it, add keys, find them, copy, reveal, edit, delete, lock.
import { readFileSync } from 'node:fs'
import type { Request } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import {
  addKey,
  addKeyDialog,
  createVault,
  detailPane,
  expectNoSecretsInPage,
  keyList,
  keyRow,
  MASTER_PASSWORD,
  unlockVault,
} from './steps'
import { showSettings } from './testSteps'

const threeKeys = () => ({
  clipia: { value: fakeKeys.clipiaLive(), name: 'Clipia production', tags: 'backend, billing', scopes: 'images:write' },
  airclou: { value: fakeKeys.airclouTest(), name: 'Airclou staging', tags: 'backend' },
  clodura: { value: fakeKeys.clodura(), name: 'Clodura enrichment', provider: 'Clodura', tags: 'data' },
})

const addThreeKeys = async (page: Parameters<typeof addKey>[0]) => {
  const keys = threeKeys()
  await addKey(page, keys.clipia)
  await addKey(page, keys.airclou)
  await addKey(page, keys.clodura)
  return keys
}

test('first run asks for a master password twice, at least 8 characters, and opens an empty vault', async ({
  page,
  keyward,
}) => {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible()
  // The vault sits at the default place under the (temporary) home, shown with ~.
  await expect(page.getByText('~/.config/Keyward/vault.keyward')).toBeVisible()
  await keyward.screenshot('create-vault')

  await page.getByLabel('Master password', { exact: true }).fill('short')
  await expect(page.getByText('Too short.')).toBeVisible()
  await page.getByRole('button', { name: 'Create vault' }).click()
  await expect(page.getByRole('alert')).toHaveText('The master password needs at least 8 characters.')

  await page.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD)
  await expect(page.getByText(/^(Fair|Strong)\./)).toBeVisible()
  await page.getByLabel('Confirm master password').fill(`${MASTER_PASSWORD}!`)
  await page.getByRole('button', { name: 'Create vault' }).click()
  await expect(page.getByRole('alert')).toHaveText('The two passwords differ. Type the same password in both fields.')

  await page.getByLabel('Confirm master password').fill(MASTER_PASSWORD)
  await page.getByRole('button', { name: 'Create vault' }).click()
  await expect(page.getByText('No keys yet. Add one, or import a .env file.')).toBeVisible()
  await expect(page.locator('.empty-state').getByRole('button', { name: 'Add key…' })).toBeVisible()
  await expect(page.locator('.empty-state').getByRole('button', { name: 'Import .env…' })).toBeVisible()
  await expect(page.locator('.status-line')).toContainText('0 keys')
  await keyward.screenshot('empty-vault')
})

test('adding keys: the prefix names the provider, the value never shows in the page', async ({ page, keyward }) => {
  await createVault(page)
  const keys = threeKeys()

  await page.locator('.empty-state').getByRole('button', { name: 'Add key…' }).click()
  const dialog = addKeyDialog(page)
  await dialog.getByLabel('Value', { exact: true }).fill(keys.clipia.value)
  await expect(dialog.getByText('Looks like a Clipia live key.')).toBeVisible()
  await expect(dialog.getByLabel('Provider', { exact: true })).toHaveValue('clipia')
  await expect(dialog.getByRole('radio', { name: 'live', exact: true })).toBeChecked()
  await expect(dialog.getByLabel('Env var')).toHaveValue('CLIPIA_KEY')
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Clipia live')
  await keyward.screenshot('add-key-dialog')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()

  await addKey(page, keys.clipia)
  await addKey(page, keys.airclou)
  await addKey(page, keys.clodura)

  await expect(keyList(page).getByRole('option')).toHaveCount(3)
  const clipiaRow = keyRow(page, 'Clipia production')
  await expect(clipiaRow).toContainText(`clipia_live_••••${keys.clipia.value.slice(-4)}`)
  await expect(clipiaRow).toContainText('live')
  await expect(clipiaRow).toContainText('billing')
  await expect(keyRow(page, 'Airclou staging')).toContainText('ac_test_••••')
  await expect(keyRow(page, 'Clodura enrichment')).toContainText('Clodura')
  await expect(page.locator('.status-line')).toContainText('3 keys')

  await expectNoSecretsInPage(page, [keys.clipia.value, keys.airclou.value, keys.clodura.value])
  // Every layer but the IPC transport is real: the vault file on disk is encrypted too.
  const vaultBytes = readFileSync(keyward.vaultPath)
  expect(vaultBytes.includes(Buffer.from(keys.clipia.value))).toBe(false)
  expect(vaultBytes.includes(Buffer.from('Clipia production'))).toBe(false)
  await keyward.screenshot('vault-with-keys')
})

test('a shared prefix asks which provider it is', async ({ page, keyward }) => {
  await createVault(page)
  await page.getByRole('button', { name: 'Add key…', exact: true }).first().click()
  const dialog = addKeyDialog(page)
  await dialog.getByLabel('Value', { exact: true }).fill(fakeKeys.agentclaraLive())
  await expect(
    dialog.getByText(/sk_live_ is used by (Stripe and AgentClara|AgentClara and Stripe) — choose/),
  ).toBeVisible()
  await dialog.getByRole('button', { name: 'AgentClara' }).click()
  await expect(dialog.getByLabel('Provider', { exact: true })).toHaveValue('agentclara')
  await expect(dialog.getByLabel('Env var')).toHaveValue('AGENTCLARA_API_KEY')
  await keyward.screenshot('add-key-ambiguous')
  await dialog.getByRole('button', { name: 'Add key', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(keyRow(page, 'AgentClara live')).toContainText('AgentClara')
})

test('search and the environment filter narrow the list; clear filters brings everything back', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  await addThreeKeys(page)

  await page.getByRole('searchbox', { name: 'Search keys' }).fill('clou')
  await expect(keyList(page).getByRole('option')).toHaveCount(1)
  await expect(keyRow(page, 'Airclou staging')).toBeVisible()

  await page.getByRole('searchbox', { name: 'Search keys' }).fill('')
  await expect(keyList(page).getByRole('option')).toHaveCount(3)

  const environments = page.getByRole('region', { name: 'Filter by environment' })
  await expect(environments.getByRole('button', { name: /live\s*1/ })).toBeVisible()
  await environments.getByRole('button', { name: /live/ }).click()
  await expect(keyList(page).getByRole('option')).toHaveCount(1)
  await expect(keyRow(page, 'Clipia production')).toBeVisible()
  await keyward.screenshot('filtered-live')

  await page.getByRole('searchbox', { name: 'Search keys' }).fill('Clodura')
  await expect(page.getByText('No keys match')).toBeVisible()
  await keyward.screenshot('no-keys-match')
  await page.locator('.empty-state').getByRole('button', { name: 'Clear filters' }).click()
  await expect(keyList(page).getByRole('option')).toHaveCount(3)
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toHaveValue('')
})

test('copy puts the value on the clipboard and says it clears in 30 s', async ({ page, keyward }) => {
  await createVault(page)
  const keys = await addThreeKeys(page)
  await keyRow(page, 'Airclou staging').click()
  await detailPane(page).getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByRole('status').getByText('Copied — clears in 30 s')).toBeVisible()
  expect(await keyward.clipboardText()).toBe(keys.airclou.value)
  await keyward.screenshot('copied')
  await expectNoSecretsInPage(page, [keys.airclou.value])
})

test('reveal shows the value, then hides it after 20 s', async ({ page, keyward }) => {
  await createVault(page)
  const keys = await addThreeKeys(page)
  await page.clock.install()
  await keyRow(page, 'Clipia production').click()
  const value = detailPane(page).getByTestId('secret-value')
  await expect(value).toHaveText(`clipia_live_••••${keys.clipia.value.slice(-4)}`)

  await detailPane(page).getByRole('button', { name: 'Reveal' }).click()
  await expect(value).toHaveText(keys.clipia.value)
  await expect(detailPane(page).getByText(/Hides in \d+ s/)).toBeVisible()
  await keyward.screenshot('revealed')

  await page.clock.fastForward(21_000)
  await expect(value).toHaveText(`clipia_live_••••${keys.clipia.value.slice(-4)}`)
  await expectNoSecretsInPage(page, [keys.clipia.value])
})

test('every field edits in place, and a new value adds a version to the history', async ({ page, keyward }) => {
  await createVault(page)
  await addThreeKeys(page)
  await keyRow(page, 'Clodura enrichment').click()
  const detail = detailPane(page)

  await detail.getByLabel('Name', { exact: true }).fill('Clodura people search')
  await detail.getByLabel('Name', { exact: true }).press('Enter')
  await expect(keyRow(page, 'Clodura people search')).toBeVisible()

  await detail.getByRole('radio', { name: 'test', exact: true }).check({ force: true })
  await expect(keyRow(page, 'Clodura people search')).toContainText('test')

  await detail.getByLabel('Add tag').fill('crm')
  await detail.getByLabel('Add tag').press('Enter')
  await expect(keyRow(page, 'Clodura people search')).toContainText('crm')
  await detail.getByRole('button', { name: 'Remove tag data' }).click()
  await expect(keyRow(page, 'Clodura people search')).not.toContainText('data')

  await detail.getByLabel('Env var').fill('not a name')
  await detail.getByLabel('Env var').press('Enter')
  await expect(
    detail.getByRole('alert').filter({ hasText: 'An env var name uses letters, digits and _' }),
  ).toBeVisible()
  await detail.getByLabel('Env var').fill('CLODURA_TOKEN')
  await detail.getByLabel('Env var').press('Enter')
  await expect(detail.getByLabel('Env var')).toHaveValue('CLODURA_TOKEN')

  await detail.getByLabel('Notes').fill('Used by the enrichment worker.')
  await detail.getByLabel('Expires').fill('2031-06-30')
  await expect(detail.getByText(/^in \d+ years$/)).toBeVisible()
  await detail.getByLabel('Notes').click()

  const newValue = fakeKeys.clodura()
  await detail.getByRole('button', { name: 'Change value…' }).click()
  const changeDialog = page.getByRole('dialog', { name: /Change the value/ })
  await changeDialog.getByLabel('New value').fill(newValue)
  await changeDialog.getByRole('button', { name: 'Save new value' }).click()
  await expect(changeDialog).toBeHidden()
  await expect(detail.getByRole('listitem').filter({ hasText: 'v2' })).toContainText('Value changed')
  await expect(detail.getByRole('listitem').filter({ hasText: 'v1' })).toContainText('Created')

  // Lock and unlock: what was saved comes back from the vault file, not from the window's memory.
  await page.getByRole('button', { name: 'Lock' }).click()
  await unlockVault(page)
  await keyRow(page, 'Clodura people search').click()
  await expect(detail.getByLabel('Notes')).toHaveValue('Used by the enrichment worker.')
  await expect(detail.getByLabel('Env var')).toHaveValue('CLODURA_TOKEN')
  await expect(detail.getByLabel('Expires')).toHaveValue('2031-06-30')
  await keyward.screenshot('key-detail-edited')
  await expectNoSecretsInPage(page, [newValue])
})

test('delete asks first; Cancel keeps the key, Delete removes it', async ({ page, keyward }) => {
  await createVault(page)
  await addThreeKeys(page)
  await keyRow(page, 'Airclou staging').click()
  await detailPane(page).getByRole('button', { name: 'Delete key…' }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete “Airclou staging”?' })
  await expect(confirm).toContainText('It cannot be undone.')
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await keyward.screenshot('delete-confirm')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(keyRow(page, 'Airclou staging')).toBeVisible()

  await detailPane(page).getByRole('button', { name: 'Delete key…' }).click()
  await confirm.getByRole('button', { name: 'Delete key' }).click()
  await expect(confirm).toBeHidden()
  await expect(keyRow(page, 'Airclou staging')).toHaveCount(0)
  await expect(keyList(page).getByRole('option')).toHaveCount(2)
  await expect(page.locator('.status-line')).toContainText('2 keys')
})

test('lock, a wrong password said plainly, then unlock', async ({ page, keyward }) => {
  await createVault(page)
  await addThreeKeys(page)
  await page.getByRole('button', { name: 'Lock' }).click()
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await expect(page.getByText('You locked the vault')).toBeVisible()
  await expect(page.getByText('Clipia production')).toHaveCount(0)

  await page.getByLabel('Master password', { exact: true }).fill('not-my-password')
  await page.getByRole('button', { name: 'Unlock' }).click()
  const error = page.getByRole('alert')
  await expect(error).toBeVisible()
  await expect(error).toContainText(/wrong|incorrect|does not match/i)
  await expect(error).not.toContainText(/Error:|at .*\.(ts|js):\d+/)
  await keyward.screenshot('unlock-wrong-password')

  await unlockVault(page)
  await expect(keyList(page).getByRole('option')).toHaveCount(3)
})

test('auto-lock: a countdown in the last minute, then "Locked after 5 minutes idle"', async ({ page, keyward }) => {
  test.skip(keyward.mode !== 'harness', "moving main's clock needs the harness")
  // What the window asks main after the vault opens (its lists, an activity report) counts as use and
  // restarts the idle countdown: a call that landed after the clock moved would hide the countdown.
  // So the clock moves only once every call but the status poll has settled and none came for 500 ms.
  let callsInFlight = 0
  let lastCallChange = Date.now()
  const countsAsUse = (request: Request) => request.url().includes('/rpc/') && !request.url().includes('getVaultStatus')
  page.on('request', (request) => {
    if (!countsAsUse(request)) return
    callsInFlight += 1
    lastCallChange = Date.now()
  })
  const settled = (request: Request) => {
    if (!countsAsUse(request)) return
    callsInFlight -= 1
    lastCallChange = Date.now()
  }
  page.on('requestfinished', settled)
  page.on('requestfailed', settled)
  await createVault(page)
  await expect.poll(() => callsInFlight === 0 && Date.now() - lastCallChange > 500).toBe(true)
  await keyward.advanceMainClock(4 * 60_000 + 30_000)
  await expect(page.locator('.status-line').getByText(/Locks in \d+ s/)).toBeVisible()
  await keyward.screenshot('auto-lock-countdown')
  await keyward.advanceMainClock(60_000)
  await expect(page.getByRole('heading', { name: 'Vault locked' })).toBeVisible()
  await expect(page.getByText('Locked after 5 minutes idle')).toBeVisible()
  await keyward.screenshot('locked-idle')
})

test('a lock on system sleep says so on the unlock screen', async ({ page, keyward }) => {
  test.skip(keyward.mode === 'electron', 'simulating sleep needs the harness or the stand-in')
  await createVault(page)
  await keyward.lockFromMain('suspend')
  await expect(page.getByText('Locked because the system slept')).toBeVisible()
  await unlockVault(page)
})

test('settings: auto-lock minutes and a new master password', async ({ page, keyward }) => {
  await createVault(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Lock after').fill('15')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('The vault now locks after 15 minutes idle')).toBeVisible()
  await expect(page.locator('.status-line')).toContainText('Auto-lock 15 min')

  await showSettings(page, 'Security')
  await page.getByRole('button', { name: 'Change master password…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Change master password' })
  await dialog.getByLabel('Current password').fill('wrong-password-here')
  await dialog.getByLabel('New password', { exact: true }).fill('a-new-master-password')
  await dialog.getByLabel('Confirm new password').fill('a-new-master-password')
  await dialog.getByRole('button', { name: 'Change password' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(/^Wrong master password\. Check Caps Lock and try again\./)
  await expect(dialog.getByLabel('Current password')).toBeFocused()
  await dialog.getByLabel('Current password').fill(MASTER_PASSWORD)
  await dialog.getByRole('button', { name: 'Change password' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').getByText('Master password changed')).toBeVisible()
  await keyward.screenshot('settings')

  await page.keyboard.press('Control+L')
  await unlockVault(page, 'a-new-master-password')
})
