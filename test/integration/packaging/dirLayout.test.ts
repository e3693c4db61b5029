// electron-builder's unpacked `dir` target, built from electron-builder.yml against a stand-in
// Electron (a script carrying a fuse wire, since no Electron zip can be fetched here): the app in the
// asar, its native modules unpacked, the keyward executable and its parts in resources/cli with
// their modes, the fuses flipped; then keyward is run from there, directly and through a link on PATH.
// Needs npx electron-vite build and npm run build:cli first.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fakeKeys } from '../../support/fakeKeys'
import { makeTempDirectory } from '../../support/tempVault'
import {
  CLI_EXECUTABLE_FOLDER,
  PROJECT_ROOT,
  assertExecutableBuilt,
  cliEnvironment,
  runKeywardCommand,
} from '../cli/builtCli'

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** The fuse wire's order (@electron/fuses' FuseV1Options). */
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
]
const PARTS = ['better_sqlite3.node', 'argon2.node', 'keyward_pack.node']

let temp: ReturnType<typeof makeTempDirectory>
let app: string
let resources: string

/** An "Electron" folder electron-builder accepts: a script with a fuse wire of all-ones to flip. */
const standInElectron = (folder: string): void => {
  mkdirSync(join(folder, 'resources'), { recursive: true })
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, FUSES.length]),
    Buffer.from('1'.repeat(FUSES.length)),
  ])
  writeFileSync(
    join(folder, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), wire, Buffer.from('\n')]),
    { mode: 0o755 },
  )
  for (const file of ['LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox']) writeFileSync(join(folder, file), '')
  const electronVersion = (
    JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  ).version
  writeFileSync(join(folder, 'version'), electronVersion)
}

beforeAll(() => {
  assertExecutableBuilt()
  if (!existsSync(join(PROJECT_ROOT, 'out/main/index.js')))
    throw new Error('out/ is missing: build first with "npx electron-vite build".')
  temp = makeTempDirectory('keyward-dir-layout-')
  standInElectron(join(temp.directory, 'electron'))
  const built = spawnSync(
    process.execPath,
    [
      join(PROJECT_ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      `-c.electronDist=${join(temp.directory, 'electron')}`,
      // Rebuilding the natives for Electron needs its headers from the network; the layout does not.
      '-c.npmRebuild=false',
      `-c.directories.output=${join(temp.directory, 'dist')}`,
    ],
    { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } },
  )
  if (built.status !== 0) throw new Error(`electron-builder failed: ${built.stdout}${built.stderr}`)
  app = join(temp.directory, 'dist/linux-unpacked')
  resources = join(app, 'resources')
}, 300_000)
afterAll(() => temp?.cleanup())

it('packs the app into the asar and unpacks its native modules beside it', () => {
  const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(path: string): string[] }
  const listed = asar.listPackage(join(resources, 'app.asar'))
  for (const file of [
    '/package.json',
    '/out/main/index.js',
    '/out/main/cli.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
  ])
    expect(listed).toContain(file)
  expect(listed.some((file) => file.startsWith('/dist-cli') || file.startsWith('/main/cli'))).toBe(false)
  const unpacked = join(resources, 'app.asar.unpacked')
  expect(existsSync(join(unpacked, 'main/scanner/native/build/Release/keyward_pack.node'))).toBe(true)
  expect(existsSync(join(unpacked, 'node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node'))).toBe(true)
  expect(existsSync(join(unpacked, 'node_modules/@node-rs'))).toBe(true)
})

it('puts keyward (0755) and its native parts (0644) in resources/cli, as built', () => {
  expect(statSync(join(resources, 'cli/keyward')).mode & 0o777).toBe(0o755)
  expect(
    readFileSync(join(resources, 'cli/keyward')).equals(readFileSync(join(CLI_EXECUTABLE_FOLDER, 'keyward'))),
  ).toBe(true)
  for (const part of PARTS) {
    expect(statSync(join(resources, 'cli', part)).mode & 0o777, part).toBe(0o644)
    expect(
      readFileSync(join(resources, 'cli', part)).equals(readFileSync(join(CLI_EXECUTABLE_FOLDER, part))),
      part,
    ).toBe(true)
  }
})

it("flips the fuses electron-builder.yml sets in the app's binary", () => {
  const binary = readFileSync(join(app, 'keyward'))
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2
  const wire = Object.fromEntries(FUSES.map((fuse, index) => [fuse, String.fromCharCode(binary[at + index]!)]))
  expect(wire).toMatchObject({
    runAsNode: '0',
    enableCookieEncryption: '1',
    enableNodeOptionsEnvironmentVariable: '0',
    enableNodeCliInspectArguments: '0',
    enableEmbeddedAsarIntegrityValidation: '1',
    onlyLoadAppFromAsar: '1',
    grantFileProtocolExtraPrivileges: '0',
  })
})

it(
  'runs keyward from the layout, and through a link on PATH as /usr/bin/keyward would be',
  { timeout: 60_000 },
  async () => {
    const env = cliEnvironment(join(temp.directory, 'home'), {
      PATH: '/usr/bin:/bin',
      KEYWARD_VAULT: join(temp.directory, 'vault.keyward'),
    })
    writeFileSync(join(temp.directory, 'password'), 'correct horse battery staple\n', { mode: 0o600 })
    const withPassword = ['--password-file', join(temp.directory, 'password')]
    const created = await runKeywardCommand([join(resources, 'cli/keyward')], ['init', ...withPassword], {
      cwd: temp.directory,
      env,
    })
    expect(created.exitCode, created.stderr).toBe(0)
    const bin = join(temp.directory, 'bin')
    mkdirSync(bin)
    chmodSync(bin, 0o755)
    symlinkSync(join(resources, 'cli/keyward'), join(bin, 'keyward'))
    const key = fakeKeys.clipiaLive()
    const added = await runKeywardCommand([join(bin, 'keyward')], ['add', 'Clipia prod', ...withPassword], {
      cwd: temp.directory,
      env,
      stdin: `${key}\n`,
    })
    expect(added.exitCode, added.stderr).toBe(0)
    const listed = await runKeywardCommand([join(bin, 'keyward')], ['list', ...withPassword], {
      cwd: temp.directory,
      env,
    })
    expect(listed.exitCode, listed.stderr).toBe(0)
    expect(listed.stdout).toContain('Clipia prod')
    expect(listed.stdout + added.stdout).not.toContain(key)
  },
)
