// main/app and main/ipc keep Electron to the glue: every module but main/app/main.ts must load under
// plain Node (tests, the CLI, the e2e harness), so none may import electron at runtime.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const repositoryRoot = join(__dirname, '..', '..', '..')

const typeScriptFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return typeScriptFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })

/** Import or require statements of 'electron' that survive compilation (not `import type`). */
const runtimeElectronImports = (source: string): string[] =>
  [
    ...source.matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+['"]electron(?:\/[^'"]*)?['"]/gm),
    ...source.matchAll(/^\s*import\s+['"]electron['"]/gm),
    ...source.matchAll(/\brequire\(\s*['"]electron['"]\s*\)/g),
    ...source.matchAll(/\bimport\(\s*['"]electron['"]\s*\)/g),
  ].map((match) => match[0].trim())

const ALLOWED = new Set(['main/app/main.ts', 'preload/index.ts'])

describe('the electron boundary', () => {
  const files = ['main/app', 'main/ipc', 'preload'].flatMap((folder) => typeScriptFiles(join(repositoryRoot, folder)))

  it('finds the modules it guards', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it('only main/app/main.ts and preload/index.ts import electron at runtime', () => {
    const offenders = files
      .map((file) => ({
        file: relative(repositoryRoot, file).split('\\').join('/'),
        imports: runtimeElectronImports(readFileSync(file, 'utf8')),
      }))
      .filter(({ file, imports }) => imports.length > 0 && !ALLOWED.has(file))
    expect(offenders).toEqual([])
  })

  it('recognises the import forms it forbids', () => {
    expect(runtimeElectronImports("import { app } from 'electron'")).toHaveLength(1)
    expect(runtimeElectronImports('import electron from "electron"')).toHaveLength(1)
    expect(runtimeElectronImports("const { app } = require('electron')")).toHaveLength(1)
    expect(runtimeElectronImports("import type { App } from 'electron'")).toHaveLength(0)
  })
})
