// Opens Settings at one of its sections from anywhere in the window ("Settings › Providers › Cloro"):
// the section is kept in the ui store, not in a URL, so a link is one call.
import { useUiStore, type SettingsSection } from '../stores/uiStore'

export const openSettings = (section: SettingsSection, options: { providerId?: string } = {}): void =>
  useUiStore.getState().showSettings(section, options.providerId)
