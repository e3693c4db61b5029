// npm run build:cli: the single executable `keyward` in dist-cli/, a copy of the running Node 24 with
// the CLI's bundle injected (Node's single executable applications, with postject), and beside it the
// native parts it loads from its own folder. Usage: node main/cli/sea/build.mjs [--out FOLDER] [--no-code-cache]
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { inject } from 'postject'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '../../..')
const outIndex = process.argv.indexOf('--out')
const output = outIndex > 0 ? resolve(process.argv[outIndex + 1] ?? '') : join(root, 'dist-cli')
const work = join(output, '.build')
const require = createRequire(import.meta.url)
const useCodeCache = !process.argv.includes('--no-code-cache')
const executableName = process.platform === 'win32' ? 'keyward.exe' : 'keyward'

const fail = (message) => {
  console.error(`build:cli: ${message}`)
  process.exit(1)
}

if (Number(process.versions.node.split('.')[0]) < 24)
  fail(`needs Node 24 or later to build from (this is ${process.version}).`)

/** Where each native part comes from; the executable expects them beside it under these names. */
const nativeSources = () => {
  const sqlitePackage = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'))
  const sqlite =
    require(join(sqlitePackage, 'lib/binding.js')).getPrebuildPath() ??
    join(sqlitePackage, 'build/Release/better_sqlite3.node')
  const argon2Package = Object.keys(require('@node-rs/argon2/package.json').optionalDependencies)
    .filter((name) => name.startsWith(`@node-rs/argon2-${process.platform}-${process.arch}`))
    .map((name) => {
      try {
        return dirname(require.resolve(`${name}/package.json`))
      } catch {
        return null
      }
    })
    .find((folder) => folder && readdirSync(folder).some((file) => file.endsWith('.node')))
  const argon2 =
    argon2Package &&
    join(
      argon2Package,
      readdirSync(argon2Package).find((file) => file.endsWith('.node')),
    )
  const packReader = join(root, 'main/scanner/native/build/Release/keyward_pack.node')
  const sources = { 'better_sqlite3.node': sqlite, 'argon2.node': argon2, 'keyward_pack.node': packReader }
  for (const [file, source] of Object.entries(sources)) {
    if (!source || !existsSync(source)) {
      fail(
        `${file} was not found${source ? ` at ${source}` : ''}.${file === 'keyward_pack.node' ? ' Build it first: npm run build:native.' : ' Reinstall the dependencies for this platform.'}`,
      )
    }
  }
  return sources
}

/** Inside the executable, Argon2 and SQLite's addon come from beside it, not from node_modules. */
const standIns = {
  name: 'keyward-single-executable-stand-ins',
  setup(builder) {
    builder.onResolve({ filter: /^@node-rs\/argon2$/ }, () => ({ path: join(here, 'argon2.ts') }))
    builder.onResolve({ filter: /^\.\/binding(\.js)?$/ }, (args) =>
      args.importer.includes(`better-sqlite3-multiple-ciphers${sep}lib${sep}`)
        ? { path: join(here, 'sqliteBinding.ts') }
        : undefined,
    )
  },
}

const bundle = async (entry, outfile, define = {}) => {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [standIns],
    // A module's own location is the executable (its natives and assets are found from there).
    define: { 'import.meta.url': '__keywardExecutableUrl', ...define },
    banner: { js: 'const __keywardExecutableUrl = require("node:url").pathToFileURL(process.execPath).href;' },
  })
  if (result.errors.length > 0) fail(`bundling ${entry} failed.`)
}

const sources = nativeSources()
rmSync(output, { recursive: true, force: true })
mkdirSync(work, { recursive: true })

const cliBundle = join(work, 'keyward.cjs')
const workerBundle = join(work, 'scanWorker.cjs')
// The version line is worked out here, once: importing it at run time would load the vault's modules
// before `keyward --version` could answer (94 ms of CPU instead of 43).
const versionBundle = join(work, 'versionLine.cjs')
await bundle(join(here, '../versionLine.ts'), versionBundle)
const { VERSION_LINE } = require(versionBundle)
await bundle(join(here, 'seaMain.ts'), cliBundle, { KEYWARD_VERSION_LINE: JSON.stringify(VERSION_LINE) })
await bundle(join(root, 'main/scanner/scanWorker.ts'), workerBundle)

// The executable checks each part against its digest before loading it (a damaged one could crash it).
const manifest = join(work, 'nativeParts.json')
const digest = (path) => createHash('sha256').update(readFileSync(path)).digest('hex')
writeFileSync(
  manifest,
  JSON.stringify(Object.fromEntries(Object.entries(sources).map(([file, source]) => [file, digest(source)]))),
)

const blob = join(work, 'keyward.blob')
writeFileSync(
  join(work, 'sea-config.json'),
  JSON.stringify({
    main: cliBundle,
    output: blob,
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache,
    // NODE_OPTIONS is not read (as the app's fuse turns it off): no --require into the process with keys.
    execArgvExtension: 'none',
    assets: { 'scanWorker.cjs': workerBundle, 'nativeParts.json': manifest },
  }),
)
const prepared = spawnSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], {
  stdio: 'inherit',
})
if (prepared.status !== 0) fail('node --experimental-sea-config failed.')

const executable = join(output, executableName)
copyFileSync(process.execPath, executable)
chmodSync(executable, 0o755)
if (process.platform === 'darwin') spawnSync('codesign', ['--remove-signature', executable], { stdio: 'inherit' })
await inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), {
  sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
})
// macOS runs only signed code on Apple silicon: an ad-hoc signature here, the real one when packaged.
if (process.platform === 'darwin') spawnSync('codesign', ['--sign', '-', executable], { stdio: 'inherit' })

for (const [file, source] of Object.entries(sources)) {
  copyFileSync(source, join(output, file))
  chmodSync(join(output, file), 0o644)
}
if (!process.argv.includes('--keep-work')) rmSync(work, { recursive: true, force: true })
console.log(
  `Built ${executable} (code cache ${useCodeCache ? 'on' : 'off'}) with ${Object.keys(sources).join(', ')} beside it.`,
)
