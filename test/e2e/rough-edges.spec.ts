// The small things that make the window read as one app: one date format (the system's, inputs
// included) and an explicit "No expiry"; one verb per action (docs/glossary.md); provider marks that
// tell the five "C" providers apart; the Scanner's way out of a file; filters only where they filter,
// counted within each other, the tag list folded; the full text of a cut name on hover and on focus;
// no chip squeezed to a sliver and selected rows that keep their labels readable.
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { fakeKeys } from '../support/fakeKeys'
import { expect, test } from './fixtures'
import { scanRepository, seedVault } from './screenSteps'
import { addKey, addKeyDialog, createVault, detailPane, keyList, keyRow } from './steps'
import { showSection } from './testSteps'

const filterRegion = (page: Page, title: string): Locator => page.getByRole('region', { name: `Filter by ${title}` })

/** WCAG contrast of two CSS colours (rgb() strings, opaque). */
const contrastOf = (first: string, second: string): number => {
  const luminance = (colour: string): number => {
    const [red, green, blue] = colour
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map(Number) as [number, number, number]
    const channel = (value: number) => {
      const scaled = value / 255
      return scaled <= 0.03928 ? scaled / 12.92 : ((scaled + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
  }
  const [light, dark] = [luminance(first), luminance(second)].sort((left, right) => right - left) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

for (const { locale, created, expiry } of [
  { locale: 'en-GB', created: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, expiry: '30/06/2031' },
  { locale: 'en-US', created: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} [AP]M$/, expiry: '06/30/2031' },
]) {
  test.describe(`dates in ${locale}`, () => {
    test.use({ locale })

    test(`dates follow the system's format (${locale}), and "No expiry" is shown and chosen`, async ({
      page,
      keyward,
    }) => {
      test.skip(keyward.mode !== 'harness', 'the locale is set on the harness page only')
      await createVault(page)

      // Add key: no date is "No expiry"; a date picked can go back to it.
      await page.locator('.list-toolbar').getByRole('button', { name: 'Add key…' }).click()
      const dialog = addKeyDialog(page)
      await expect(dialog.getByText('No expiry', { exact: true })).toBeVisible()
      await dialog.getByLabel('Expires').fill('2031-06-30')
      await expect(dialog.getByText('No expiry', { exact: true })).toBeHidden()
      await dialog.getByRole('button', { name: 'Set to no expiry' }).click()
      await expect(dialog.getByLabel('Expires')).toHaveValue('')
      await expect(dialog.getByText('No expiry', { exact: true })).toBeVisible()
      await page.keyboard.press('Escape')

      await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production' })
      const detail = detailPane(page)
      await expect(detail.locator('.detail-meta dd').first()).toHaveText(created)
      await expect(detail.getByText('No expiry', { exact: true })).toBeVisible()
      await detail.getByLabel('Expires').fill('2031-06-30')
      const inWords = detail.locator('.expiry')
      await expect(inWords).toHaveText(/^in \d+ years$/)
      await expect(inWords).toHaveAttribute('title', expiry)
      await detail.getByRole('button', { name: 'Set to no expiry' }).click()
      await expect(detail.getByLabel('Expires')).toHaveValue('')
      await expect(detail.getByText('No expiry', { exact: true })).toBeVisible()
      // Chromium draws a date input in the browser's own language, which in the app is the system's,
      // as Intl's is; the emulated locale here reaches Intl only, so only en-US pictures both alike.
      if (locale === 'en-US') await keyward.screenshot('no-expiry')
    })
  })
}

test('one verb per action: "…" where a dialog follows, and none of the words the glossary retired', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const toolbar = page.locator('.list-toolbar')
  for (const label of ['Add key…', 'Import .env…', 'Export…'])
    await expect(toolbar.getByRole('button', { name: label, exact: true })).toBeVisible()
  const empty = page.locator('.empty-state')
  await expect(empty.getByRole('button', { name: 'Add key…', exact: true })).toBeVisible()
  await expect(empty.getByRole('button', { name: 'Import .env…', exact: true })).toBeVisible()

  await seedVault(page, join(keyward.directory, 'repository'))
  await scanRepository(page, keyward, join(keyward.directory, 'repository'))
  await page.getByRole('listbox', { name: 'Findings' }).getByRole('option').first().click()
  const finding = page.locator('#finding-detail')
  await expect(finding.getByRole('button', { name: 'Rotate…', exact: true })).toBeVisible()
  await expect(finding.getByRole('button', { name: 'Test this value', exact: true })).toBeVisible()

  // docs/glossary.md's "Not" column, for the labels this window used to show.
  const retired = ['Paste a key', 'Import .env file', 'Rotate key…', 'Is it still live?']
  for (const section of ['Vault', 'Scanner'] as const) {
    await showSection(page, section)
    const labels = await page.getByRole('button').allInnerTexts()
    expect(labels.filter((label) => retired.includes(label.trim()))).toEqual([])
  }
})

test('provider marks tell the five built-ins apart, each pair readable in both themes', async ({ page }) => {
  await createVault(page)
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia key' })
  await addKey(page, { value: fakeKeys.airclouLive(), name: 'Airclou key' })
  await addKey(page, { value: fakeKeys.agentclaraLive(), name: 'AgentClara key', provider: 'AgentClara' })
  await addKey(page, { value: fakeKeys.clodura(), name: 'Clodura key', provider: 'Clodura' })
  await addKey(page, { value: fakeKeys.cloro(), name: 'Cloro key', provider: 'Cloro' })
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const marks = await keyList(page)
      .locator('.provider-mark')
      .evaluateAll((all) =>
        all.map((mark) => {
          const style = mark.ownerDocument.defaultView!.getComputedStyle(mark)
          return {
            provider: mark.dataset.provider,
            text: mark.textContent,
            colour: style.color,
            fill: style.backgroundColor,
          }
        }),
      )
    expect(marks.map((mark) => mark.provider ?? '').sort((left, right) => left.localeCompare(right))).toEqual([
      'agentclara',
      'airclou',
      'clipia',
      'clodura',
      'cloro',
    ])
    // Two letters each, no two alike, and no two fills alike either.
    expect(new Set(marks.map((mark) => mark.text)).size).toBe(5)
    expect(new Set(marks.map((mark) => mark.fill)).size).toBe(5)
    for (const mark of marks) {
      expect(mark.text).toMatch(/^\p{L}{2}$/u)
      expect(contrastOf(mark.colour, mark.fill), `${mark.provider} in ${colorScheme}`).toBeGreaterThanOrEqual(4.5)
    }
  }
})

test('a finding still in the files says how to take it out: rotate, remove from the file, then history', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const repository = join(keyward.directory, 'repository')
  await seedVault(page, repository)
  await scanRepository(page, keyward, repository)
  await page.getByRole('listbox', { name: 'Findings' }).getByRole('option').first().click()
  const steps = page.locator('#finding-detail').getByRole('region', { name: 'What to do' }).getByRole('listitem')
  await expect(steps).toHaveCount(3)
  await expect(steps.nth(0)).toContainText('Rotate it.')
  await expect(steps.nth(0).getByRole('button', { name: 'Rotate…' })).toBeVisible()
  await expect(steps.nth(1)).toContainText('Remove it from enrichment-service-configuration.yml.')
  await expect(steps.nth(1)).toContainText('Line 2 of deploy/enrichment-service-configuration.yml still holds it')
  await expect(steps.nth(2)).toContainText('Rewriting history')

  await steps.nth(1).getByRole('button', { name: 'Copy path' }).click()
  await expect(page.locator('.toast')).toContainText('Copied the path: ')
  expect(await keyward.clipboardText()).toBe(join(repository, 'deploy', 'enrichment-service-configuration.yml'))
  await keyward.screenshot('finding-steps')
})

test('filters show only on the Vault, count within each other, and a long tag list folds', async ({ page }) => {
  await createVault(page)
  const tags = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet']
  await addKey(page, { value: fakeKeys.clipiaLive(), name: 'Clipia production', tags: tags.join(', ') })
  await addKey(page, { value: fakeKeys.clipiaTest(), name: 'Clipia sandbox', tags: 'alpha' })
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging', tags: 'alpha' })

  // Counts within the other filters: with "live" chosen, only the live key's provider and tags count.
  const providers = filterRegion(page, 'provider')
  await expect(providers.getByRole('button', { name: /Clipia\s*2/ })).toBeVisible()
  await filterRegion(page, 'environment').getByRole('button', { name: /live/ }).click()
  await expect(keyList(page).getByRole('option')).toHaveCount(1)
  await expect(providers.getByRole('button', { name: /Clipia\s*1/ })).toBeVisible()
  await expect(providers.getByRole('button', { name: /Airclou/ })).toHaveCount(0)
  await expect(filterRegion(page, 'tag').getByRole('button', { name: /alpha\s*1/ })).toBeVisible()
  await expect(filterRegion(page, 'environment').getByRole('button', { name: /test\s*2/ })).toBeVisible()
  await filterRegion(page, 'environment').getByRole('button', { name: /live/ }).click()

  // Ten tags: eight shown, the rest behind "Show all".
  const tagFilters = filterRegion(page, 'tag')
  await expect(tagFilters.getByRole('listitem')).toHaveCount(8)
  const fold = tagFilters.getByRole('button', { name: 'Show all 10 tags' })
  await expect(fold).toHaveAttribute('aria-expanded', 'false')
  await fold.click()
  await expect(tagFilters.getByRole('listitem')).toHaveCount(10)
  await tagFilters.getByRole('button', { name: 'Show fewer tags' }).click()
  await expect(tagFilters.getByRole('listitem')).toHaveCount(8)

  // The filters narrow the Vault list only: the other panels do not show them.
  for (const section of ['Tests', 'Rotation', 'Scanner', 'Settings'] as const) {
    await showSection(page, section)
    await expect(page.getByRole('region', { name: /^Filter by (provider|environment|tag)$/ })).toHaveCount(0)
  }
  await showSection(page, 'Vault')
  await expect(filterRegion(page, 'provider')).toBeVisible()
})

test('a cut name shows in full on hover (title) and on keyboard focus (a tip)', async ({ page, keyward }) => {
  await page.setViewportSize({ width: 760, height: 480 })
  await createVault(page)
  const longName = 'Clipia production image generation for the storefront checkout and the nightly reports'
  await addKey(page, { value: fakeKeys.clipiaLive(), name: longName, tags: 'backend' })
  await addKey(page, { value: fakeKeys.airclouTest(), name: 'Airclou staging' })
  await page.keyboard.press('Escape') // back from the pushed detail to the list
  const name = keyRow(page, longName).locator('.key-row-name')
  await expect(name).toHaveAttribute('title', longName)
  expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true)

  const tip = page.getByTestId('truncation-tip')
  await keyList(page).focus()
  await page.keyboard.press('Home')
  await expect(keyList(page).getByRole('option', { selected: true })).toContainText('Airclou staging')
  await expect(tip).toHaveCount(0)
  await page.keyboard.press('ArrowDown')
  await expect(keyList(page).getByRole('option', { selected: true })).toContainText(longName)
  await expect(tip).toHaveText(longName)
  await keyward.screenshot('cut-name-tip')
  await page.keyboard.press('ArrowUp')
  await expect(tip).toHaveCount(0)
})

test('no tag chip is squeezed to a sliver, and selected rows keep their chips and labels apart', async ({
  page,
  keyward,
}) => {
  await createVault(page)
  const repository = join(keyward.directory, 'repository')
  await seedVault(page, repository)
  await addKey(page, {
    value: fakeKeys.clipiaLive(),
    name: 'Clipia production image generation for the storefront checkout',
    tags: 'backend, billing',
  })
  // Every width from the smallest window to where the detail sits beside the list: a chip is shown
  // whole or not at all (neither clipped by its row nor squeezed under its text).
  const slivers: string[] = []
  for (let width = 760; width < 1000; width += 3) {
    await page.setViewportSize({ width, height: 600 })
    const cut = await keyList(page)
      .locator('.key-row-tags .tag-chip')
      .evaluateAll((chips) =>
        chips.flatMap((chip) => {
          const box = chip.parentElement!.getBoundingClientRect()
          const own = chip.getBoundingClientRect()
          const shown = Math.max(0, Math.min(own.right, box.right) - Math.max(own.left, box.left))
          const rowsShown = own.top < box.bottom && own.bottom > box.top
          const squeezed = chip.scrollWidth > chip.clientWidth + 1
          return rowsShown && shown > 0.5 && (squeezed || shown < own.width - 0.5)
            ? [`${chip.textContent}: ${shown.toFixed(1)} of ${chip.scrollWidth} px`]
            : []
        }),
      )
    slivers.push(...cut.map((problem) => `${width} px: ${problem}`))
  }
  expect(slivers).toEqual([])

  for (const { width, height } of [
    { width: 900, height: 600 },
    { width: 760, height: 480 },
  ]) {
    await page.setViewportSize({ width, height })
    await showSection(page, 'Vault')
    await keyRow(page, 'Clodura enrichment').click()
    await page.keyboard.press('Escape')
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      const selected = keyList(page).getByRole('option', { selected: true })
      const [rowFill, chipFill] = await Promise.all([
        selected.evaluate((row) => row.ownerDocument.defaultView!.getComputedStyle(row).backgroundColor),
        selected
          .locator('.tag-chip')
          .first()
          .evaluate((chip) => chip.ownerDocument.defaultView!.getComputedStyle(chip).backgroundColor),
      ])
      expect(contrastOf(rowFill, chipFill), `tag chip on the selected row, ${colorScheme}`).toBeGreaterThan(1.1)
    }
    await keyward.screenshot(`selected-key-row-${width}`)
  }

  await scanRepository(page, keyward, repository)
  const findings = page.getByRole('listbox', { name: 'Findings' })
  // A narrow window may show the first finding's detail over the list: back to the list first.
  const back = page.locator('#finding-detail').getByRole('button', { name: 'Back to findings' })
  if (await back.isVisible()) await back.click()
  const row = findings.getByRole('option').first()
  await row.click()
  // The click pushes the detail over the list at this width: Esc comes back to the selected row.
  await page.keyboard.press('Escape')
  await expect(row).toHaveAttribute('aria-selected', 'true')
  const kind = row.locator('.finding-kind')
  await expect(kind).toHaveText('Files')
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const [rowFill, label] = await Promise.all([
      row.evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).backgroundColor),
      kind.evaluate((element) => {
        const style = element.ownerDocument.defaultView!.getComputedStyle(element)
        return { text: style.color, fill: style.backgroundColor, border: style.borderTopColor }
      }),
    ])
    // A label without a fill of its own shows the row's.
    const labelFill = /rgba\(.*, 0\)$/.test(label.fill) ? rowFill : label.fill
    expect(contrastOf(label.text, labelFill), `"Files" text, ${colorScheme}`).toBeGreaterThanOrEqual(4.5)
    expect(contrastOf(rowFill, labelFill), `"Files" against the selected row, ${colorScheme}`).toBeGreaterThan(1.1)
  }
  await keyward.screenshot('selected-finding-row-760')
})
