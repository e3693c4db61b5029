// Where Electron on Linux keeps an app's own files: $XDG_CONFIG_HOME (or ~/.config)/<name>, the name
// being productName or name from the app's package.json (the one nearest the entry script).
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const appPackageName = (): string => {
  let directory = dirname(resolve(process.argv[1] ?? '.'))
  for (;;) {
    const candidate = join(directory, 'package.json')
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { productName?: string; name?: string }
      return manifest.productName ?? manifest.name ?? 'Electron'
    }
    const parent = dirname(directory)
    if (parent === directory) return 'Electron'
    directory = parent
  }
}

export const userDataPath = (): { name: string; path: string } => {
  const name = appPackageName()
  const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return { name, path: join(configHome, name) }
}
