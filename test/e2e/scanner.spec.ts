// The Scanner as a developer meets it: a real git repository with a vault key committed in a .env and
// deleted, a prefixless vault key in a tracked file, an AWS key no vault knows, and documentation
// decoys; the folder chosen in main's dialog, a scan with progress, the findings with their commits,
// "Test this value" against the HTTPS provider simulator, a finding set aside and restored, the keys
// marked leaked in Rotation, and the rotate flow listing where the old value was seen. No value shows.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { GitRepository } from '../support/gitRepository'
import { expect, test } from './fixtures'
import { addKey, createVault, expectNoSecretsInPage } from './steps'
import { pointProviderAt, showSection, showSettings, useProviderSimulator } from './testSteps'
import { rotateDialog, waitForToastsToGo } from './rotationSteps'

const simulator = useProviderSimulator()

/** A scan starts worker threads: on a machine busy with other work it can take longer than 5 s. */
const SCAN_WAIT = 20_000
const findingList = (page: Page): Locator => page.getByRole('listbox', { name: 'Findings' })
const findingRow = (page: Page, path: string): Locator =>
  findingList(page).locator(`li[role="option"][data-path="${path}"]`)
const findingPane = (page: Page): Locator => page.locator('#finding-detail')
const sidebarButton = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Keyward' }).getByRole('button', { name: new RegExp(`^${name}`) })

const dana = { name: 'Dana Dev', email: 'dana@example.invalid' }

test('scanning a repository: findings tied to vault keys and commits, still-live test, set aside, rotate', async ({
  page,
  keyward,
}) => {
  const airclouOld = fakeKeys.airclouLive()
  const airclouNew = fakeKeys.airclouLive()
  const clodura = fakeKeys.clodura()
  const awsKey = `AKIA${'7RZQ2MWX4KTP5LND'}`
  simulator().registerKey('airclou', { value: airclouOld })
  simulator().registerKey('airclou', { value: airclouNew })

  const repository = GitRepository.create('billing-service-', join(keyward.directory, 'projects'))
  try {
    repository.write('README.md', '# billing\n\nSet CLIPIA_KEY=$CLIPIA_KEY; keys look like sk_test_1234567890abcdef.\n')
    repository.write('.env', `AIRCLOU_API_KEY=${airclouOld}\n`)
    const leakCommit = repository.commit('add local settings', dana, '2026-09-14T10:12:00Z', { all: true })
    repository.remove('.env')
    repository.commit('remove .env', dana, '2026-09-15T08:00:00Z', { all: true })
    repository.write('deploy/settings.yml', `region: eu-west\nsession: ${clodura}\n`)
    repository.write('scripts/upload.sh', `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${awsKey}\n`)
    repository.commit('deploy settings', dana, '2026-10-02T16:40:00Z', { all: true })

    await createVault(page)
    await addKey(page, { value: airclouOld, name: 'Airclou payments' })
    await addKey(page, { value: clodura, name: 'Clodura prod', provider: 'Clodura', environment: 'live' })
    await showSection(page, 'Settings')
    await pointProviderAt(page, keyward, 'airclou', simulator().baseUrls.airclou, simulator().caPath)

    // First visit: what the scanner does, and the one thing to do.
    await showSection(page, 'Scanner')
    await expect(page.getByText('Find leaked keys in a folder')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Scan', exact: true })).toBeDisabled()
    await keyward.screenshot('scanner-empty')
    await keyward.answerNextFileDialog(repository.root)
    await page.getByRole('button', { name: 'Choose folder…' }).first().click()
    await expect(page.getByLabel('Folder to scan')).toHaveValue(repository.root)
    await expect(page.getByRole('checkbox', { name: 'Full history' })).toBeChecked()

    await page.getByRole('button', { name: 'Scan', exact: true }).click()
    await expect(page.getByRole('region', { name: 'Scan progress' }).getByRole('status')).toHaveText(/^Scanned in/, {
      timeout: SCAN_WAIT,
    })
    await expect(page.getByRole('region', { name: 'Scan progress' })).toContainText('3 findings')
    await expect(findingList(page).getByRole('option')).toHaveCount(3)
    // Live first; the vault's own keys before a rule's match; the documentation decoys are not there.
    await expect(findingRow(page, 'README.md')).toHaveCount(0)
    await expect(findingRow(page, '.env')).toContainText('Airclou payments')
    await expect(findingRow(page, '.env')).toContainText('history only')
    await expect(findingRow(page, 'deploy/settings.yml')).toContainText('Clodura prod')
    await expect(findingRow(page, 'deploy/settings.yml')).toContainText('in vault')
    await expect(findingRow(page, 'scripts/upload.sh')).toContainText('AWS')
    await expect(page.getByText('2 vault keys marked leaked')).toBeVisible()
    await expect(sidebarButton(page, 'Scanner')).toContainText('3')

    // The deleted .env: the commit that brought it in, and whether that value still works.
    await findingRow(page, '.env').click()
    const pane = findingPane(page)
    await expect(pane.getByRole('heading', { name: 'Airclou payments' })).toBeVisible()
    await expect(pane).toContainText(`${leakCommit.slice(0, 8)} by Dana Dev`)
    await expect(pane).toContainText('history only')
    await expect(pane).toContainText('its current value')
    await pane.getByRole('button', { name: 'Test this value' }).click()
    await expect(pane.locator('[data-outcome="valid"]')).toHaveText('Valid')
    await expectNoSecretsInPage(page, [airclouOld, airclouNew, clodura, awsKey])
    await keyward.screenshot('scanner-findings')

    // The AWS key: not in the vault, so no test; accepted, it moves to "Set aside", and back.
    await findingRow(page, 'scripts/upload.sh').click()
    await expect(pane).toContainText('Not in your vault')
    await expect(pane.getByRole('button', { name: 'Test this value' })).toHaveCount(0)
    await pane.getByRole('button', { name: 'Accept risk' }).click()
    await expect(findingList(page).getByRole('option')).toHaveCount(2)
    await page
      .getByRole('group', { name: 'Show findings' })
      .getByRole('button', { name: /^Set aside/ })
      .click()
    await expect(findingList(page).getByRole('option')).toHaveCount(1)
    await expect(pane).toContainText('Set aside: Accepted.')
    await pane.getByRole('button', { name: 'Count it again' }).click()
    await expect(page.getByText('No findings match this filter')).toBeVisible()
    await page.getByRole('button', { name: 'Show all findings' }).click()
    await expect(findingList(page).getByRole('option')).toHaveCount(3)

    // Keyboard: the arrows walk the findings, ranked: live vault keys still in the files, then in history only.
    await findingList(page).focus()
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    await expect(findingList(page).locator('[aria-selected="true"]')).toHaveAttribute(
      'data-path',
      'deploy/settings.yml',
    )
    await page.keyboard.press('ArrowDown')
    await expect(findingList(page).locator('[aria-selected="true"]')).toHaveAttribute('data-path', '.env')

    // Rotation knows: both vault keys are leaked.
    await expect(sidebarButton(page, 'Rotation')).toContainText('2')

    // Rotate the Airclou key from its finding: the last step lists where the old value was seen.
    await findingRow(page, '.env').click()
    await pane.getByRole('button', { name: 'Rotate…' }).click()
    const dialog = rotateDialog(page, 'Airclou payments')
    await dialog.getByLabel('New value').fill(airclouNew)
    await dialog.getByRole('button', { name: 'Save new value' }).click()
    await dialog.getByRole('button', { name: 'Test it' }).click()
    await expect(dialog.locator('[data-outcome="valid"]')).toHaveText('Valid')
    await dialog.getByRole('button', { name: 'Make it current' }).click()
    await expect(dialog.getByRole('heading', { name: 'Where the old value was seen' })).toBeVisible()
    const seen = dialog.getByRole('list', { name: /^Leaked/ })
    await expect(seen.getByRole('listitem')).toHaveCount(1)
    await expect(dialog.getByRole('list', { name: /^Stored in plain text here/ })).toHaveCount(0)
    await expect(seen).toContainText('/.env:1')
    await expect(seen).toContainText(`history only, commit ${leakCommit.slice(0, 8)}`)
    await expectNoSecretsInPage(page, [airclouOld, airclouNew, clodura, awsKey])
    await waitForToastsToGo(page)
    await keyward.screenshot('scanner-rotate-where-seen')
    await dialog.getByRole('button', { name: 'Close', exact: true }).click()

    // Settings → Activity: what was done, by the app, with no value.
    await showSettings(page, 'Activity')
    const activity = page.getByRole('table', { name: 'Activity' })
    await expect(activity.getByRole('row').nth(1)).toContainText('new value made current')
    await expect(activity).toContainText('scan started')
    await expect(activity).toContainText('finding set aside · accepted')
    await expect(activity).toContainText('leaked value tested')
    // Settings → Backups: an encrypted backup made by hand, listed, and logged.
    await showSettings(page, 'Backups')
    await page.getByRole('button', { name: 'Back up now' }).click()
    await expect(page.getByRole('list', { name: 'Backups' }).getByRole('listitem').first()).toContainText(
      'made by hand',
    )
    await showSettings(page, 'Activity')
    await expect(activity.getByRole('row').nth(1)).toContainText('backup made')
    await activity.scrollIntoViewIfNeeded()
    await keyward.screenshot('settings-activity')
    await expectNoSecretsInPage(page, [airclouOld, airclouNew, clodura, awsKey])
  } finally {
    repository.dispose()
  }
})

test('a scan can be canceled, and a folder that is not a repository is scanned as plain files', async ({
  page,
  keyward,
}) => {
  const repository = GitRepository.create('monorepo-', join(keyward.directory, 'projects'))
  try {
    for (let index = 0; index < 60; index++) {
      repository.write(`src/module${index}.js`, `export const table${index} = [${'1, '.repeat(4000)}]\n`)
      repository.commit(`module ${index}`, dana, `2026-10-01T10:${String(index).padStart(2, '0')}:00Z`, { all: true })
    }
    await createVault(page)
    await showSection(page, 'Scanner')
    await keyward.answerNextFileDialog(repository.root)
    await page.getByRole('button', { name: 'Choose folder…' }).first().click()
    await page.getByRole('button', { name: 'Scan', exact: true }).click()
    const progress = page.getByRole('region', { name: 'Scan progress' })
    await progress.getByRole('button', { name: 'Cancel' }).click()
    await expect(progress.getByRole('status')).toHaveText('Scan canceled')
    await expect(page.getByRole('button', { name: 'Scan', exact: true })).toBeEnabled()

    // A plain folder: its files are scanned, and the summary says there is no history.
    const notes = join(keyward.directory, 'notes')
    mkdirSync(notes)
    writeFileSync(join(notes, 'todo.txt'), 'rotate the staging keys\n')
    await keyward.answerNextFileDialog(notes)
    await page.getByRole('button', { name: 'Choose folder…' }).click()
    await page.getByRole('button', { name: 'Scan', exact: true }).click()
    await expect(progress.getByRole('status')).toHaveText(/^Scanned in/, { timeout: SCAN_WAIT })
    await expect(page.getByText('No leaked keys found')).toBeVisible()
    await expect(page.getByText('not a git repository')).toBeVisible()
  } finally {
    repository.dispose()
  }
})

test('a vault key only in a git-ignored .env is stored there in plain text, not leaked', async ({ page, keyward }) => {
  const clodura = fakeKeys.clodura()
  const repository = GitRepository.create('local-app-', join(keyward.directory, 'projects'))
  try {
    repository.write('.gitignore', '.env\n').write('README.md', '# app\n')
    repository.commit('start', dana, '2026-10-01T10:00:00Z', { all: true })
    // What `keyward export` writes: ignored by git, never committed.
    repository.write('.env', `CLODURA_API_KEY=${clodura}\n`)

    await createVault(page)
    await addKey(page, { value: clodura, name: 'Clodura prod', provider: 'Clodura', environment: 'live' })
    await showSection(page, 'Scanner')
    await keyward.answerNextFileDialog(repository.root)
    await page.getByRole('button', { name: 'Choose folder…' }).first().click()
    await page.getByRole('button', { name: 'Scan', exact: true }).click()
    await expect(page.getByRole('region', { name: 'Scan progress' }).getByRole('status')).toHaveText(/^Scanned in/, {
      timeout: SCAN_WAIT,
    })
    await expect(findingList(page).getByRole('option')).toHaveCount(1)
    await expect(findingRow(page, '.env')).toContainText('Clodura prod')
    await findingRow(page, '.env').click()
    await expect(findingPane(page).getByRole('region', { name: 'Stored in plain text here' })).toContainText(
      'is not marked leaked',
    )
    await expect(page.getByText(/marked leaked/).filter({ hasNotText: 'not marked leaked' })).toHaveCount(0)
    await expectNoSecretsInPage(page, [clodura])
  } finally {
    repository.dispose()
  }
})
