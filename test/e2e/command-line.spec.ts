// Settings → Command line: "Install the keyward command" links ~/.local/bin/keyward (under the test's
// temporary home) to the app's command, says what it did and what PATH lacks, refuses another
// program's keyward by name, and removes its own link. Harness mode: its command folder is the test's.
import { existsSync, mkdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { accessibilityProblems } from './accessibilityChecks'
import { expect, test } from './fixtures'
import { createVault } from './steps'

/** The section's serious accessibility faults in light and dark (the accessibility spec sees it with no command). */
const faults = async (page: Page): Promise<string[]> => {
  const found: string[] = []
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    found.push(...(await accessibilityProblems(page)))
    const axe = await new AxeBuilder({ page })
      .include('section[aria-labelledby="command-line-title"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    for (const violation of axe.violations.filter((entry) => ['serious', 'critical'].includes(entry.impact ?? '')))
      found.push(`${colorScheme}: axe ${violation.id}: ${violation.help}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
  return found
}

test('settings: install the keyward command, refuse a foreign one, remove it', async ({ page, keyward }) => {
  test.skip(keyward.mode !== 'harness', "the app's own command folder is the test's only in the harness")
  // Six axe runs and six screenshots: more than the default minute on a loaded machine.
  test.setTimeout(180_000)
  const commandFolder = join(keyward.directory, 'Keyward', 'resources', 'cli')
  mkdirSync(commandFolder, { recursive: true })
  writeFileSync(join(commandFolder, 'keyward'), '#!/bin/sh\n', { mode: 0o755 })
  const link = join(keyward.directory, '.local', 'bin', 'keyward')

  await createVault(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Command line' })
  await expect(section.getByText("Install links ~/.local/bin/keyward to this app's keyward.")).toBeVisible()
  await expect(section.getByText('~/.local/bin is not on your PATH')).toBeVisible()
  await section.scrollIntoViewIfNeeded()
  await keyward.screenshot('command-line-not-installed')
  expect(await faults(page)).toEqual([])

  // By keyboard: focus the button and press Enter.
  await section.getByRole('button', { name: 'Install the keyward command' }).focus()
  await page.keyboard.press('Enter')
  await expect(section.getByRole('status')).toHaveText(
    'Linked ~/.local/bin/keyward to ~/Keyward/resources/cli/keyward.',
  )
  await expect(section.getByText("~/.local/bin/keyward leads to this app's keyward.")).toBeVisible()
  expect(readlinkSync(link)).toBe(join(commandFolder, 'keyward'))
  await keyward.screenshot('command-line-installed')
  expect(await faults(page)).toEqual([])
  await page.setViewportSize({ width: 760, height: 480 })
  await section.scrollIntoViewIfNeeded()
  await keyward.screenshot('command-line-installed-760x480')
  await page.setViewportSize({ width: 1280, height: 800 })

  await section.getByRole('button', { name: 'Remove' }).click()
  await expect(section.getByRole('status')).toHaveText('Removed ~/.local/bin/keyward.')
  expect(existsSync(link)).toBe(false)

  // Another program's keyward where the link would go: named, left alone, nothing offered.
  writeFileSync(link, '#!/bin/sh\necho another\n', { mode: 0o755 })
  await page.getByRole('button', { name: 'Vault' }).first().click()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(
    section.getByText(
      "~/.local/bin/keyward is another program's file, not a link Keyward made: Keyward leaves it. Remove or rename it to install the keyward command there.",
    ),
  ).toBeVisible()
  await expect(section.getByRole('button', { name: 'Install the keyward command' })).toHaveCount(0)
  await expect(section.getByRole('button', { name: 'Remove' })).toHaveCount(0)
  await section.scrollIntoViewIfNeeded()
  await keyward.screenshot('command-line-foreign')
  expect(await faults(page)).toEqual([])
  rmSync(link)
})
