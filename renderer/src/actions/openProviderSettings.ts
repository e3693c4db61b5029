// From a test run's skipped keys to the provider's own settings: Settings, that provider's row
// opened, scrolled into view and focused (Settings › Providers › Cloro).
import { useUiStore } from '../stores/uiStore'

/** Frames to wait for Settings to draw the provider list (it is drawn on the first frame or two). */
const FRAMES_TO_WAIT = 30

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()))

export const openProviderSettings = async (providerId: string): Promise<void> => {
  useUiStore.getState().showSection('settings')
  for (let frame = 0; frame < FRAMES_TO_WAIT; frame++) {
    await nextFrame()
    const row = document.querySelector<HTMLElement>(`li[data-provider="${CSS.escape(providerId)}"]`)
    const toggle = row?.querySelector<HTMLButtonElement>('.provider-row-toggle')
    if (!row || !toggle) continue
    if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click()
    row.scrollIntoView({ block: 'nearest' })
    toggle.focus()
    return
  }
}
