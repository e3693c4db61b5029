// What a user does around rotation, as reusable steps: find a row of the Rotation panel, open the
// rotate dialog, read main's own clock (due dates count from it), and write dates relative to it.
import { expect, type Locator, type Page } from '@playwright/test'

const DAY = 24 * 60 * 60 * 1000

export const rotationList = (page: Page): Locator => page.getByRole('grid', { name: 'Keys by rotation state' })

export const rotationGroup = (page: Page, title: string): Locator =>
  rotationList(page).getByRole('rowgroup', { name: new RegExp(`^${title}`) })

export const rotationRow = (page: Page, name: string): Locator =>
  rotationList(page).locator(`li[role="row"][data-key-name="${name}"]`)

export const rotationDetailPane = (page: Page): Locator => page.locator('#rotation-detail')

export const rotateDialog = (page: Page, keyName: string): Locator =>
  page.getByRole('dialog', { name: `Rotate “${keyName}”` })

/** The Rotation block of whichever detail pane shows. */
export const rotationPanel = (pane: Locator): Locator => pane.getByRole('region', { name: 'Rotation' })

export const versionRow = (pane: Locator, version: number): Locator =>
  pane
    .getByRole('list', { name: 'Versions' })
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`^v${version}`) })

/** Main's clock now (the harness may have moved it forward): due dates and words count from it. */
export const mainNow = async (page: Page): Promise<number> => {
  const generatedAt = await page.evaluate(async () => {
    const bridge = (
      globalThis as unknown as {
        keyward: { getRotationOverview: () => Promise<{ ok: boolean; value?: { generatedAt: string } }> }
      }
    ).keyward
    const result = await bridge.getRotationOverview()
    return result.value?.generatedAt ?? null
  })
  expect(generatedAt, 'main answered its overview').not.toBeNull()
  return Date.parse(generatedAt!)
}

/** The UTC day (YYYY-MM-DD) `days` from `now`: a date-only expiry is that day's first moment, UTC. */
export const dayFrom = (now: number, days: number): string => new Date(now + days * DAY).toISOString().slice(0, 10)

export const DAYS = (count: number): number => count * DAY

/** A date (YYYY-MM-DD, that day where the user is, or a full ISO time) as the window shows dates. */
export const shownDate = (page: Page, date: string): Promise<string> =>
  page.evaluate(
    (iso) =>
      new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00` : iso),
      ),
    date,
  )

/** Waits for the message in the corner to go by itself (a modal dialog keeps its close button out of reach). */
export const waitForToastsToGo = async (page: Page): Promise<void> => {
  await expect(page.locator('.toast')).toHaveCount(0, { timeout: 10_000 })
}

/** Opens the Rotation panel from the sidebar and waits for its list. */
export const showRotation = async (page: Page) => {
  await page
    .getByRole('navigation', { name: 'Keyward' })
    .getByRole('button', { name: /^Rotation/ })
    .click()
  await expect(rotationList(page)).toBeVisible()
}
