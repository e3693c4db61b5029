// A vault with something on every screen, for the checks that walk all of them (layout, accessibility).
import type { Page } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { GitRepository } from '../support/gitRepository'
import { expect } from './fixtures'
import { addKey } from './steps'
import { showSection } from './testSteps'

/** An open vault given three keys (one long name, several tags) and a repository holding one of them. */
export const seedVault = async (page: Page, repositoryRoot: string): Promise<void> => {
  await addKey(page, {
    value: fakeKeys.clipiaLive(),
    name: 'Clipia production image generation for the storefront',
    tags: 'backend, billing, storefront',
    scopes: 'generate, read',
  })
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging', tags: 'ci' })
  const clodura = fakeKeys.clodura()
  await addKey(page, {
    value: clodura,
    name: 'Clodura enrichment',
    provider: 'Clodura',
    environment: 'live',
    tags: 'data, crm',
  })
  // A repository in the test's own folder (removed with it): one finding for the Scanner's list.
  const repository = GitRepository.init(repositoryRoot)
  const dev = { name: 'Sam Developer', email: 'sam@example.invalid' }
  repository.write(
    'deploy/enrichment-service-configuration.yml',
    `endpoint: https://api.clodura.ai\ntoken: ${clodura}\n`,
  )
  repository.commit('Deploy settings', dev, '2026-10-02T11:45:00Z', { all: true })
}

/** The Scanner on that repository, scanned. */
export const scanRepository = async (
  page: Page,
  keyward: { answerNextFileDialog(path: string | null): Promise<void> },
  root: string,
): Promise<void> => {
  await showSection(page, 'Scanner')
  await keyward.answerNextFileDialog(root)
  await page.getByRole('button', { name: 'Choose folder…' }).first().click()
  await page.getByRole('button', { name: 'Scan', exact: true }).click()
  // A scan starts worker threads: on a machine busy with other work it can take longer than 5 s.
  await expect(page.getByRole('region', { name: 'Scan progress' }).getByRole('status')).toHaveText(/^Scanned in/, {
    timeout: 20_000,
  })
}
