// Settings' own navigation: a list of tabs (General · Security · Backups · Rotation · Providers ·
// Activity), down the left of a wide window and across the top of a narrow one. One tab is in the Tab
// order; the arrow keys (either axis), Home and End move between them and open the one they reach.
import { useSyncExternalStore, type KeyboardEvent } from 'react'
import { PUSHED_DETAIL_QUERY } from '../../layout/breakpoints'
import { SETTINGS_SECTIONS, useUiStore, type SettingsSection } from '../../stores/uiStore'

export const SETTINGS_LABELS: Record<SettingsSection, string> = {
  general: 'General',
  security: 'Security',
  backups: 'Backups',
  rotation: 'Rotation',
  providers: 'Providers',
  activity: 'Activity',
}

export const settingsTabId = (section: SettingsSection): string => `settings-tab-${section}`
export const SETTINGS_PANEL_ID = 'settings-panel'

/** Below the pushed-detail width the tabs run across the top (settings.css uses the same width). */
const subscribeToWidth = (onChange: () => void) => {
  const query = window.matchMedia(PUSHED_DETAIL_QUERY)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}
const tabsRunAcross = () => window.matchMedia(PUSHED_DETAIL_QUERY).matches

const STEP: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }

export function SettingsNav() {
  const current = useUiStore((state) => state.settingsSection)
  const showSettings = useUiStore((state) => state.showSettings)
  const across = useSyncExternalStore(subscribeToWidth, tabsRunAcross)

  const open = (section: SettingsSection) => {
    showSettings(section)
    document.getElementById(settingsTabId(section))?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = SETTINGS_SECTIONS.indexOf(current)
    const last = SETTINGS_SECTIONS.length - 1
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? last
          : event.key in STEP
            ? (index + STEP[event.key]! + SETTINGS_SECTIONS.length) % SETTINGS_SECTIONS.length
            : null
    if (next === null) return
    event.preventDefault()
    open(SETTINGS_SECTIONS[next]!)
  }

  return (
    <div
      className="settings-nav"
      role="tablist"
      aria-label="Settings sections"
      aria-orientation={across ? 'horizontal' : 'vertical'}
      onKeyDown={onKeyDown}
    >
      {SETTINGS_SECTIONS.map((section) => (
        <button
          key={section}
          id={settingsTabId(section)}
          type="button"
          role="tab"
          className="settings-nav-item"
          aria-selected={section === current}
          aria-controls={section === current ? SETTINGS_PANEL_ID : undefined}
          tabIndex={section === current ? 0 : -1}
          onClick={() => open(section)}
        >
          {SETTINGS_LABELS[section]}
        </button>
      ))}
    </div>
  )
}
