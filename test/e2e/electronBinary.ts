// Finds the Electron binary the way the electron package does (path.txt → dist/<file>), but without
// requiring the package: require('electron') starts a download when the binary is missing, which on a
// machine without access to Electron's releases hangs or fails. Answers null when there is no binary.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export const findElectronBinary = (): string | null => {
  let packageDirectory: string
  try {
    packageDirectory = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(packageDirectory, 'path.txt')
  if (!existsSync(pathFile)) return null
  const relative = readFileSync(pathFile, 'utf8').trim()
  const overrideDirectory = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const binary = overrideDirectory
    ? join(overrideDirectory, relative || 'electron')
    : join(packageDirectory, 'dist', relative)
  return relative && existsSync(binary) ? binary : null
}
