// The layers you can see in the path, held by a test (the way VS Code's lint rule holds its own):
// the renderer imports only the contract from outside renderer/; services never import electron
// and reach each other only through their index.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

const sourceFiles = (directory: string): string[] =>
  readdirSync(join(root, directory), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))

const importsOf = (file: string): string[] => {
  const text = readFileSync(join(root, file), 'utf8')
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => (match[1] ?? match[2])!,
  )
}
const resolveImport = (file: string, specifier: string): string =>
  specifier.startsWith('.') ? relative(root, resolve(root, dirname(file), specifier)) : specifier

const SERVICES_WITHOUT_ELECTRON = ['vault', 'providers', 'envfile', 'clipboard', 'common', 'cli', 'authtest', 'keytests', 'rotation', 'scanner', 'scans', 'references', 'ipc']

describe('layers', () => {
  it('keeps the renderer to itself and the contract', () => {
    const offenders = sourceFiles('renderer').flatMap((file) =>
      importsOf(file)
        .map((specifier) => resolveImport(file, specifier))
        .filter((target) => (target.startsWith('main/') || target.startsWith('preload/')) && target !== 'preload/contract')
        .map((target) => `${file} → ${target}`),
    )
    expect(offenders).toEqual([])
  })

  it('keeps electron out of every service but main/app and main/ipc', () => {
    const offenders = SERVICES_WITHOUT_ELECTRON.flatMap((service) =>
      sourceFiles(`main/${service}`).filter((file) => importsOf(file).some((specifier) => specifier === 'electron' || specifier.startsWith('electron/'))),
    )
    expect(offenders).toEqual([])
  })

  it('lets main/ipc import electron only as types', () => {
    const offenders = sourceFiles('main/ipc').filter((file) =>
      /^import\s+(?!type)[^;]*from\s+['"]electron['"]/m.test(readFileSync(join(root, file), 'utf8')),
    )
    expect(offenders).toEqual([])
  })

  it('has services reach each other only through index.ts', () => {
    const offenders = sourceFiles('main').flatMap((file) => {
      const service = file.split('/')[1]
      return importsOf(file)
        .map((specifier) => resolveImport(file, specifier))
        .filter((target) => target.startsWith('main/'))
        .filter((target) => {
          const [, targetService, ...rest] = target.split('/')
          return targetService !== service && targetService !== 'common' && rest.join('/') !== 'index'
        })
        .map((target) => `${file} → ${target}`)
    })
    expect(offenders).toEqual([])
  })
})
