// Where a key's value sits, as the key's own views say it: a key committed once (exposed) and also in a
// git-ignored local .env (stored here in plain text), and a key only in such a .env. Rotation names the
// exposed place as the leak, never the local copy; the key's detail lists its places grouped by
// exposure with what to do (Copy reference, Scan again); the rotate flow's "Update services" step
// tells the copies to rotate because of from the ones to replace with a reference. A place seen before
// Keyward recorded whether it was exposed says so, until the folder is scanned again. No value shows.
import { basename, join } from 'node:path'
import type { Locator } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { GitRepository } from '../support/gitRepository'
import { expect, test } from './fixtures'
import { layoutProblems } from './layoutChecks'
import { takeVaultBackTo } from './olderVault'
import { rotateDialog, rotationList, rotationRow, waitForToastsToGo } from './rotationSteps'
import { scanRepository } from './screenSteps'
import { addKey, createVault, detailPane, expectNoSecretsInPage, keyRow, MASTER_PASSWORD, unlockVault } from './steps'
import { dismissToasts, showSection } from './testSteps'

const dana = { name: 'Dana Dev', email: 'dana@example.invalid' }

const foundIn = (pane: Locator): Locator => pane.getByRole('region', { name: /^Found in/ })
const group = (scope: Locator, title: string): Locator => scope.getByRole('list', { name: new RegExp(`^${title}`) })

test('exposed copies are the leak; copies stored in a git-ignored .env are places for a reference', async ({
  page,
  keyward,
}) => {
  test.setTimeout(120_000)
  const signer = { value: fakeKeys.cloro(), name: 'Billing signer' }
  const signerNew = fakeKeys.cloro()
  const enrichment = { value: fakeKeys.clodura(), name: 'Clodura enrichment', provider: 'Clodura' }
  const unseen = { value: fakeKeys.airclouLive(), name: 'Airclou payments' }
  const secrets = [signer.value, signerNew, enrichment.value, unseen.value]

  const repository = GitRepository.create('storefront-', join(keyward.directory, 'projects'))
  const shownFolder = basename(repository.root)
  try {
    // The signer was committed once and taken out again; both keys sit in the local .env git ignores.
    repository.write('.gitignore', '.env\n').write('deploy/settings.yml', `region: eu-west\nsigner: ${signer.value}\n`)
    const leakCommit = repository.commit('deploy settings', dana, '2026-09-14T10:12:00Z', { all: true })
    repository.write('deploy/settings.yml', 'region: eu-west\n')
    repository.commit('signer out of the settings', dana, '2026-09-15T08:00:00Z', { all: true })
    repository.write('.env', `BILLING_SIGNER=${signer.value}\nCLODURA_API_KEY=${enrichment.value}\n`)

    await createVault(page)
    for (const key of [signer, enrichment, unseen]) await addKey(page, key)
    await scanRepository(page, keyward, repository.root)
    await dismissToasts(page)

    // Rotation: the signer is leaked where it was committed, not at the .env; the other key is not leaked.
    await showSection(page, 'Rotation')
    await expect(rotationList(page)).toBeVisible()
    const leakedRow = rotationRow(page, 'Billing signer')
    await expect(leakedRow).toContainText(
      `Found in ${shownFolder}/deploy/settings.yml:2 (history, ${leakCommit.slice(0, 8)})`,
    )
    await expect(leakedRow).not.toContainText('.env')
    await expect(rotationRow(page, 'Clodura enrichment').locator('[data-rotation-state="leaked"]')).toHaveCount(0)

    // The signer's detail: both places, grouped, each with what to do.
    await showSection(page, 'Vault')
    await keyRow(page, 'Billing signer').click()
    const pane = detailPane(page)
    const signerFound = foundIn(pane)
    await expect(signerFound).toBeVisible()
    const exposed = group(signerFound, 'Leaked')
    await expect(exposed.getByRole('listitem')).toHaveCount(1)
    await expect(exposed).toContainText(`${shownFolder}/deploy/settings.yml:2`)
    await expect(exposed).toContainText(`history only, commit ${leakCommit.slice(0, 8)}`)
    const stored = group(signerFound, 'Stored in plain text here')
    await expect(stored.getByRole('listitem')).toHaveCount(1)
    await expect(stored).toContainText(`${shownFolder}/.env:1`)
    await expect(stored).toContainText('local file git does not keep')
    await expect(signerFound).toContainText('Rotate the key because of these')
    await expect(signerFound).toContainText(
      'Put a keyward:// reference in its place, or start the program with keyward run',
    )
    await expect(signerFound.getByRole('heading', { name: /^Not known/ })).toHaveCount(0)
    await signerFound.scrollIntoViewIfNeeded()
    await keyward.screenshot('key-found-in')
    await page.setViewportSize({ width: 760, height: 480 })
    await signerFound.scrollIntoViewIfNeeded()
    expect(await layoutProblems(page)).toEqual([])
    await keyward.screenshot('key-found-in-760')
    await page.setViewportSize({ width: 1280, height: 800 })

    // A key only stored here: its place and a reference to put there; nothing says it leaked.
    await keyRow(page, 'Clodura enrichment').click()
    const enrichmentFound = foundIn(pane)
    await expect(group(enrichmentFound, 'Stored in plain text here')).toContainText(`${shownFolder}/.env:2`)
    await expect(group(enrichmentFound, 'Leaked')).toHaveCount(0)
    await enrichmentFound.getByRole('button', { name: 'Copy reference' }).click()
    await expect(page.getByText('Copied keyward://Clodura enrichment')).toBeVisible()
    expect(await keyward.clipboardText()).toBe('keyward://Clodura enrichment')

    // A key no scan has found has no such section.
    await keyRow(page, 'Airclou payments').click()
    await expect(page.getByRole('region', { name: 'Details of Airclou payments' })).toBeVisible()
    await expect(foundIn(pane)).toHaveCount(0)

    // The .env now holds a reference instead: Scan again, and the key is no longer found there.
    repository.write('.env', `BILLING_SIGNER=${signer.value}\nCLODURA_API_KEY=keyward://Clodura enrichment\n`)
    await keyRow(page, 'Clodura enrichment').click()
    await foundIn(pane)
      .getByRole('button', { name: `Scan ${shownFolder} again` })
      .click()
    await expect(page.getByRole('region', { name: 'Scan progress' }).getByRole('status')).toHaveText(/^Scanned in/, {
      timeout: 20_000,
    })
    await showSection(page, 'Vault')
    await keyRow(page, 'Clodura enrichment').click()
    await expect(page.getByRole('region', { name: 'Details of Clodura enrichment' })).toBeVisible()
    await expect(foundIn(pane)).toHaveCount(0)

    // Rotating the signer: the copies to rotate because of, apart from the one to replace with a reference.
    await showSection(page, 'Rotation')
    await leakedRow.hover()
    await leakedRow.getByRole('button', { name: 'Rotate now: Billing signer' }).click()
    const dialog = rotateDialog(page, 'Billing signer')
    await dialog.getByLabel('New value').fill(signerNew)
    await dialog.getByRole('button', { name: 'Save new value' }).click()
    await dialog.getByRole('button', { name: 'Test it' }).click()
    await dialog.getByRole('button', { name: 'Use it anyway' }).click()
    const seen = dialog.locator('.rotation-seen')
    await expect(group(seen, 'Leaked').getByRole('listitem')).toHaveCount(1)
    await expect(group(seen, 'Leaked')).toContainText(`history only, commit ${leakCommit.slice(0, 8)}`)
    await expect(group(seen, 'Stored in plain text here').getByRole('listitem')).toHaveCount(1)
    await expect(group(seen, 'Stored in plain text here')).toContainText(`${shownFolder}/.env:1`)
    await expectNoSecretsInPage(page, secrets)
    await waitForToastsToGo(page)
    await keyward.screenshot('rotate-update-services-grouped')
    await page.setViewportSize({ width: 760, height: 480 })
    await seen.scrollIntoViewIfNeeded()
    expect(await layoutProblems(page)).toEqual([])
    await keyward.screenshot('rotate-update-services-grouped-760')
    await page.setViewportSize({ width: 1280, height: 800 })
    await expectNoSecretsInPage(page, secrets)
  } finally {
    repository.dispose()
  }
})

test('a place seen before Keyward recorded its exposure says so, and scanning its folder again settles it', async ({
  page,
  keyward,
}) => {
  test.setTimeout(120_000)
  const local = { value: fakeKeys.clodura(), name: 'Clodura enrichment', provider: 'Clodura' }
  const repository = GitRepository.create('storefront-', join(keyward.directory, 'projects'))
  const shownFolder = basename(repository.root)
  try {
    repository.write('.gitignore', '.env\n').write('README.md', '# storefront\n')
    repository.commit('start', dana, '2026-09-14T10:12:00Z', { all: true })
    repository.write('.env', `CLODURA_API_KEY=${local.value}\n`)
    await createVault(page)
    await addKey(page, local)
    await scanRepository(page, keyward, repository.root)

    // The vault as an older Keyward left it: places with no exposure, and the key marked leaked for
    // its git-ignored copy, as that Keyward did.
    await page.getByRole('button', { name: 'Lock', exact: true }).click()
    takeVaultBackTo(keyward.vaultPath, MASTER_PASSWORD, 7, [`UPDATE keys SET leaked_at = '2026-09-20T09:00:00.000Z'`])
    await unlockVault(page)

    // Rotation: leaked, with main's reason, and no place named as the leak (none is known to be exposed).
    await showSection(page, 'Rotation')
    const row = rotationRow(page, 'Clodura enrichment')
    await expect(row.locator('[data-rotation-state="leaked"]')).toBeVisible()
    await expect(row).not.toContainText('Found in')

    await showSection(page, 'Vault')
    await keyRow(page, 'Clodura enrichment').click()
    const found = foundIn(detailPane(page))
    const unknown = group(found, 'Not known whether leaked')
    await expect(unknown).toContainText(`${shownFolder}/.env:1`)
    await expect(found).toContainText('Seen before Keyward recorded whether others could read it there')
    await expect(group(found, 'Leaked')).toHaveCount(0)
    await found.scrollIntoViewIfNeeded()
    await keyward.screenshot('key-found-in-unknown')

    // Scanned again: the copy is stored here, so the old mark goes.
    await found.getByRole('button', { name: `Scan ${shownFolder} again` }).click()
    await expect(page.getByRole('region', { name: 'Scan progress' }).getByRole('status')).toHaveText(/^Scanned in/, {
      timeout: 20_000,
    })
    await showSection(page, 'Vault')
    await keyRow(page, 'Clodura enrichment').click()
    await expect(group(found, 'Stored in plain text here')).toContainText(`${shownFolder}/.env:1`)
    await expect(group(found, 'Not known whether leaked')).toHaveCount(0)
    await showSection(page, 'Rotation')
    await expect(row.locator('[data-rotation-state="leaked"]')).toHaveCount(0)
    await expectNoSecretsInPage(page, [local.value])
  } finally {
    repository.dispose()
  }
})
