// Moving keys in and out: a .env file imported through a preview, and one environment exported.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { addKey, createVault, expectNoSecretsInPage, keyList, keyRow } from './steps'

test('importing a .env: problems by line number, duplicates marked, only the ticked keys imported', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const existing = fakeKeys.clipiaTest()
  await addKey(page, { value: existing, name: 'Clipia sandbox' })

  const airclouLive = fakeKeys.airclouLive()
  const cloro = fakeKeys.cloro()
  const agentclara = fakeKeys.agentclaraLive()
  const envPath = join(keyward.directory, 'billing.env')
  writeFileSync(
    envPath,
    [
      '# billing service', //                        1
      `AIRCLOU_API_KEY=${airclouLive}`, //           2
      `CLORO_API_KEY="${cloro}"`, //                 3
      'PORT=3000', //                                4
      `CLIPIA_KEY=${existing}`, //                   5
      'this line has no equals sign', //             6
      'EMPTY_SECRET=', //                            7
      `AGENTCLARA_API_KEY=${agentclara}`, //         8
      'BROKEN="never closed', //                     9
      '',
    ].join('\n'),
  )

  await keyward.answerNextFileDialog(envPath)
  await page.getByRole('button', { name: 'Import .env…' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Import billing.env' })
  await expect(dialog).toBeVisible()

  const row = (variable: string) => dialog.locator(`tr[data-variable="${variable}"]`)
  await expect(row('AIRCLOU_API_KEY')).toContainText('ac_live_••••')
  await expect(dialog.getByRole('checkbox', { name: 'Import AIRCLOU_API_KEY' })).toBeChecked()
  await expect(dialog.getByRole('checkbox', { name: 'Import CLORO_API_KEY' })).toBeChecked()
  await expect(dialog.getByRole('checkbox', { name: 'Import PORT' })).not.toBeChecked()
  await expect(row('PORT')).toContainText('Looks like a setting, not a key')
  await expect(row('CLIPIA_KEY')).toContainText('Already in vault as “Clipia sandbox”')
  await expect(dialog.getByRole('checkbox', { name: 'Import CLIPIA_KEY' })).not.toBeChecked()
  await expect(dialog.getByLabel('Provider for AIRCLOU_API_KEY')).toHaveValue('airclou')
  await expect(dialog.getByLabel('Environment for AIRCLOU_API_KEY')).toHaveValue('live')
  await expect(dialog.getByLabel('Name for CLORO_API_KEY')).toHaveValue('CLORO_API_KEY')

  const problems = dialog.getByRole('region', { name: /not imported/ })
  await expect(problems).toContainText('line 6:')
  await expect(problems).toContainText('line 7:')
  await expect(problems).toContainText('line 9:')
  await expect(problems.getByRole('listitem').filter({ hasText: 'line 6:' })).toContainText('no "="')
  await keyward.screenshot('import-preview')
  await expectNoSecretsInPage(page, [airclouLive, cloro, agentclara, existing])

  await dialog.getByLabel('Name for AIRCLOU_API_KEY').fill('Airclou payments')
  await dialog.getByRole('checkbox', { name: 'Import AGENTCLARA_API_KEY' }).uncheck()
  await dialog.getByRole('button', { name: 'Import 2 keys' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').getByText('Imported 2 keys from billing.env')).toBeVisible()

  await expect(keyList(page).getByRole('option')).toHaveCount(3)
  await expect(keyRow(page, 'Airclou payments')).toContainText('live')
  await expect(keyRow(page, 'CLORO_API_KEY')).toBeVisible()
  await expect(keyRow(page, 'AGENTCLARA_API_KEY')).toHaveCount(0)
  await keyRow(page, 'Airclou payments').click()
  await expect(page.locator('#key-detail').getByRole('listitem').filter({ hasText: 'v1' })).toContainText('Imported')
})

test('a cancelled file dialog changes nothing', async ({ page, keyward }) => {
  await createVault(page)
  await keyward.answerNextFileDialog(null)
  await page.locator('.empty-state').getByRole('button', { name: 'Import .env…' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByText('No keys yet. Add one, or import a .env file.')).toBeVisible()
})

test('exporting the test keys writes a 0600 .env file with just those keys', async ({ page, keyward }) => {
  await createVault(page)
  const live = fakeKeys.clipiaLive()
  const testClipia = fakeKeys.clipiaTest()
  const testAirclou = fakeKeys.airclouTest()
  await addKey(page, { value: live, name: 'Clipia production' })
  await addKey(page, { value: testClipia, name: 'Clipia sandbox' })
  await addKey(page, { value: testAirclou, name: 'Airclou staging' })

  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export keys to a .env file' })
  await dialog.getByRole('radio', { name: /test/ }).check()
  await expect(dialog.getByText('2 keys').first()).toBeVisible()
  await keyward.screenshot('export-choose')

  const exportPath = join(keyward.directory, 'keyward-test.env')
  await keyward.answerNextFileDialog(exportPath)
  await dialog.getByRole('button', { name: 'Choose file and export…' }).click()
  const done = page.getByRole('dialog', { name: 'Export done' })
  await expect(done).toContainText('Wrote 2 test keys to')
  await expect(done).toContainText(exportPath)
  await expect(done).toContainText('0600')
  await keyward.screenshot('export-done')
  await done.getByRole('button', { name: 'Done' }).click()

  expect(statSync(exportPath).mode & 0o777).toBe(0o600)
  const contents = readFileSync(exportPath, 'utf8')
  expect(contents).toContain(`CLIPIA_KEY=${testClipia}`)
  expect(contents).toContain(`AIRCLOU_API_KEY=${testAirclou}`)
  expect(contents).not.toContain(live)
  await expectNoSecretsInPage(page, [live, testClipia, testAirclou])
})

test('keys without copying values: a key as an env line or a reference, an environment as a template of references', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const sandbox = fakeKeys.clipiaTest()
  const staging = fakeKeys.airclouTest()
  await addKey(page, { value: sandbox, name: 'Clipia sandbox' })
  await addKey(page, { value: staging, name: 'Airclou staging' })

  await keyRow(page, 'Clipia sandbox').click()
  const value = page.getByRole('region', { name: 'Value' })
  await value.getByRole('button', { name: 'Copy as env line' }).click()
  await expect(page.locator('.toast')).toContainText('Copied CLIPIA_KEY=… — clears in 30 s')
  expect(await keyward.clipboardText()).toBe(`CLIPIA_KEY=${sandbox}`)
  await value.getByRole('button', { name: 'Copy reference' }).click()
  await expect(page.locator('.toast')).toContainText('Copied keyward://Clipia sandbox')
  expect(await keyward.clipboardText()).toBe('keyward://Clipia sandbox')

  await page.getByRole('button', { name: 'Export…', exact: true }).click()
  await page.getByRole('button', { name: 'a template of references…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Use keys without copying them' })
  await expect(dialog).toBeVisible()
  const table = dialog.getByRole('table', { name: 'test variables' })
  await expect(table.locator('tr[data-variable="CLIPIA_KEY"]')).toContainText('keyward://Clipia sandbox')
  await expect(table.locator('tr[data-variable="CLIPIA_KEY"]')).toContainText('to “Clipia sandbox”')
  await expect(table.locator('tr[data-variable="AIRCLOU_API_KEY"]')).toContainText('keyward://Airclou staging')
  await keyward.screenshot('env-view')
  await expectNoSecretsInPage(page, [sandbox, staging])

  const path = join(keyward.directory, 'test.env.template')
  await keyward.answerNextFileDialog(path)
  await dialog.getByRole('button', { name: 'Save template…' }).click()
  await expect(page.locator('.toast')).toContainText('Saved 2 references')
  const template = readFileSync(path, 'utf8')
  expect(template).toContain("CLIPIA_KEY='keyward://Clipia sandbox'")
  expect(template).not.toContain(sandbox)
  expect(template).not.toContain(staging)
})
