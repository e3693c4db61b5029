import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/** The parts of electron-builder.yml these tests read; the schema check below reads the whole. */
interface ElectronBuilderConfig {
  appId: string
  productName: string
  files: string[]
  asar: boolean
  asarUnpack: string[]
  extraResources: { from: string; to: string; filter: string[] }[]
  electronFuses: Record<string, boolean>
  linux: { category: string; target: unknown }
  mac: { hardenedRuntime: boolean; target: unknown }
  win: { target: unknown }
  deb: { afterInstall: string; afterRemove: string }
}

const repositoryRoot = join(__dirname, '..', '..', '..')
const config = parse(readFileSync(join(repositoryRoot, 'electron-builder.yml'), 'utf8')) as ElectronBuilderConfig

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('dev.keyward.app')
    expect(config.productName).toBe('Keyward')
  })

  it('packs only the build output, the pack reader and package.json, in an asar', () => {
    expect(config.files).toEqual(['out/**', 'main/scanner/native/build/Release/keyward_pack.node', 'package.json'])
    expect(config.asar).toBe(true)
  })

  it('unpacks the native modules from the asar', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3-multiple-ciphers/**',
        'node_modules/@node-rs/**',
        'main/scanner/native/build/Release/keyward_pack.node',
      ]),
    )
  })

  it('puts the keyward command and its native parts in resources/cli, outside the asar', () => {
    expect(config.extraResources).toEqual([
      { from: 'dist-cli', to: 'cli', filter: ['keyward', 'keyward.exe', '*.node'] },
    ])
    const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(packageJson.scripts.dist).toMatch(/npm run build:cli && electron-builder$/)
  })

  it('builds AppImage and deb for Linux in the Development category', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(config.linux.category).toBe('Development')
  })

  it('gives the deb its own scripts, which link /usr/bin/keyward to the command (test/integration/packaging/debScripts.test.ts)', () => {
    expect(config.deb).toEqual({
      afterInstall: 'packaging/linux/after-install.sh',
      afterRemove: 'packaging/linux/after-remove.sh',
    })
  })

  it('builds a dmg with the hardened runtime on macOS and nsis on Windows', () => {
    expect([config.mac.target].flat()).toContain('dmg')
    expect(config.mac.hardenedRuntime).toBe(true)
    expect([config.win.target].flat()).toContain('nsis')
  })

  it.each([
    ['runAsNode', false],
    ['enableCookieEncryption', true],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('sets the %s fuse to %s', (fuse, value) => {
    expect(config.electronFuses[fuse]).toBe(value)
  })

  it('uses only fuse names electron-builder knows', () => {
    const known = [
      'runAsNode',
      'enableCookieEncryption',
      'enableNodeOptionsEnvironmentVariable',
      'enableNodeCliInspectArguments',
      'enableEmbeddedAsarIntegrityValidation',
      'onlyLoadAppFromAsar',
      'loadBrowserProcessSpecificV8Snapshot',
      'grantFileProtocolExtraPrivileges',
      'resetAdHocDarwinSignature',
    ]
    for (const fuse of Object.keys(config.electronFuses)) expect(known).toContain(fuse)
  })

  it("passes electron-builder's own schema validation", async () => {
    // app-builder-lib is electron-builder's engine (always installed with it); this is the check
    // `electron-builder` runs before packaging, which cannot run here without the Electron zip.
    const require = createRequire(import.meta.url)
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>
    }
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(
      validateConfiguration(
        { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/Invalid configuration/)
  })

  it("points at the entry electron-vite builds (package.json's main)", () => {
    const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { main: string }
    expect(packageJson.main).toBe('out/main/index.js')
  })
})
