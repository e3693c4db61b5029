// Settings: its own navigation and one section at a time, each section its own component here. Which
// section shows lives in the ui store (showSettings, or actions/openSettings from elsewhere in the
// window), so a link can open "Settings › Providers › Cloro" without a URL.
import { useEffect, useRef } from 'react'
import { useUiStore, type SettingsSection } from '../../stores/uiStore'
import { ProvidersSettings } from './providers/ProvidersSettings'
import { RotationPolicySettings } from '../rotation/RotationPolicySettings'
import { ActivitySettings } from './ActivitySettings'
import { BackupsSettings } from './BackupsSettings'
import { GeneralSettings } from './GeneralSettings'
import { SecuritySettings } from './SecuritySettings'
import { SETTINGS_PANEL_ID, SettingsNav, settingsTabId } from './SettingsNav'

function SettingsSectionContent({ section }: { section: SettingsSection }) {
  switch (section) {
    case 'general':
      return <GeneralSettings />
    case 'security':
      return <SecuritySettings />
    case 'backups':
      return <BackupsSettings />
    case 'rotation':
      return <RotationPolicySettings />
    case 'providers':
      return <ProvidersSettings />
    case 'activity':
      return <ActivitySettings />
  }
}

export function SettingsPane() {
  const section = useUiStore((state) => state.settingsSection)
  const panelRef = useRef<HTMLDivElement>(null)
  // Another section starts at its top, not at the scroll position the last one was left at.
  useEffect(() => {
    panelRef.current?.scrollTo({ top: 0 })
  }, [section])

  return (
    <section className="settings-pane" aria-labelledby="settings-heading">
      <div className="settings-sidebar">
        <h1 id="settings-heading" className="settings-heading">
          Settings
        </h1>
        <SettingsNav />
      </div>
      <div
        ref={panelRef}
        id={SETTINGS_PANEL_ID}
        className="settings-panel"
        role="tabpanel"
        aria-labelledby={settingsTabId(section)}
        tabIndex={-1}
      >
        <div className="settings-column">
          <SettingsSectionContent section={section} />
        </div>
      </div>
    </section>
  )
}
