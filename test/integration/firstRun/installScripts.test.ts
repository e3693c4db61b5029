// A clean `npm ci` prints no install-script notices: every dependency that has an install script, or
// that npm builds with node-gyp because it ships a binding.gyp, is approved or denied in allowScripts.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const readJson = (path: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, path), 'utf8'))

interface LockEntry {
  hasInstallScript?: boolean
}
interface Manifest {
  name: string
  scripts?: Record<string, string>
}

const allowScripts = readJson('package.json').allowScripts as Record<string, boolean>
const lockPackages = readJson('package-lock.json').packages as Record<string, LockEntry>
const installedPaths = Object.keys(lockPackages).filter((path) => path.startsWith('node_modules/'))
const nameOf = (path: string) => (readJson(join(path, 'package.json')) as Manifest).name

/** npm runs `node-gyp rebuild` for a package with a binding.gyp and no install script of its own. */
const builtByNodeGyp = (path: string) => {
  const manifest = readJson(join(path, 'package.json')) as Manifest
  return (
    existsSync(join(PROJECT_ROOT, path, 'binding.gyp')) && !manifest.scripts?.install && !manifest.scripts?.preinstall
  )
}

describe('install scripts', () => {
  it('every dependency npm would run a script for has a decision in allowScripts', () => {
    const withScripts = installedPaths.filter(
      (path) =>
        existsSync(join(PROJECT_ROOT, path, 'package.json')) &&
        (lockPackages[path]?.hasInstallScript === true || builtByNodeGyp(path)),
    )
    const undecided = [...new Set(withScripts.map(nameOf))].filter((name) => !(name in allowScripts)).sort()
    expect(undecided).toEqual([])
    // The SQLite module builds from source only where it ships no prebuild, so it stays approved.
    expect(allowScripts['better-sqlite3-multiple-ciphers']).toBe(true)
  })

  it('npm itself finds nothing left to review', () => {
    const listed = execFileSync('npm', ['install-scripts', 'ls'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(listed.trim()).toBe('No packages with unreviewed install scripts.')
  })
})
