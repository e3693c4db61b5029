// The application menu: as little as the app needs. Edit roles make copy and paste work in text
// fields on every platform (macOS needs them in the menu); reload and DevTools exist only in development.
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuInput {
  platform: NodeJS.Platform
  isDevelopment: boolean
  /** "Install the keyward command…" (main/app/commandPlace.ts); absent, the menu does not offer it. */
  onInstallCommand?: () => void
}

export const buildMenuTemplate = ({
  platform,
  isDevelopment,
  onInstallCommand,
}: MenuInput): MenuItemConstructorOptions[] => {
  const template: MenuItemConstructorOptions[] = []
  const installCommand: MenuItemConstructorOptions[] = onInstallCommand
    ? [{ label: 'Install the keyward command…', click: () => onInstallCommand() }]
    : []
  if (platform === 'darwin') {
    template.push({ role: 'appMenu' })
    if (installCommand.length > 0) template.push({ label: 'File', submenu: installCommand })
  } else {
    const separator: MenuItemConstructorOptions[] = installCommand.length > 0 ? [{ type: 'separator' }] : []
    template.push({ label: 'File', submenu: [...installCommand, ...separator, { role: 'quit' }] })
  }
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  })
  if (isDevelopment) {
    template.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] })
  }
  if (platform === 'darwin') template.push({ role: 'windowMenu' })
  return template
}
