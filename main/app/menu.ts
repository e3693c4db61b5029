// The application menu: as little as the app needs. Edit roles make copy and paste work in text
// fields on every platform (macOS needs them in the menu); reload and DevTools exist only in development.
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuInput {
  platform: NodeJS.Platform
  isDevelopment: boolean
}

export const buildMenuTemplate = ({ platform, isDevelopment }: MenuInput): MenuItemConstructorOptions[] => {
  const template: MenuItemConstructorOptions[] = []
  if (platform === 'darwin') template.push({ role: 'appMenu' })
  else template.push({ label: 'File', submenu: [{ role: 'quit' }] })
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
