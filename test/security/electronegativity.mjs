// Runs @doyensec/electronegativity over source folders as one application and writes its SARIF.
// Usage: node test/security/electronegativity.mjs [--exclude=CHECK,...] OUTPUT.sarif FOLDER...
// (run from the project root; FOLDERs relative to it)
// Prints a JSON summary on stdout: checks loaded, files read, files it could not parse.
//
// Two things keep it working here, offline, beside this project's own packages:
// - its TypeScript parser (@typescript-eslint/typescript-estree 4, hoisted to the top of
//   node_modules) would load the project's TypeScript 7, which has no JavaScript API; it is pointed
//   at the TypeScript 4.2 that electronegativity installs for itself;
// - it fetches translations from the network on every run (and one check, excluded by the caller,
//   fetches Electron's release list); `got` is replaced by a stub that fails at once, so it falls
//   back to its bundled English text and never touches the network.
import { cpSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { createRequire, registerHooks } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const args = process.argv.slice(2)
const excluded = args[0]?.startsWith('--exclude=')
  ? args.shift().slice('--exclude='.length).split(',').filter(Boolean)
  : []
const [output, ...folders] = args
if (!output || folders.length === 0) {
  process.stderr.write('usage: node test/security/electronegativity.mjs [--exclude=CHECK,...] OUTPUT.sarif FOLDER...\n')
  process.exit(2)
}

const projectRequire = createRequire(join(process.cwd(), 'package.json'))
const toolEntry = projectRequire.resolve('@doyensec/electronegativity')
const toolRequire = createRequire(toolEntry)
const NO_NETWORK = 'keyward-test:no-network'

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'got') return { url: NO_NETWORK, format: 'commonjs', shortCircuit: true }
    if (
      (specifier === 'typescript' || specifier.startsWith('typescript/')) &&
      context.parentURL?.includes('/@typescript-eslint/')
    ) {
      return { url: pathToFileURL(toolRequire.resolve(specifier)).href, format: 'commonjs', shortCircuit: true }
    }
    return nextResolve(specifier, context)
  },
  load(url, context, nextLoad) {
    if (url === NO_NETWORK) {
      return {
        format: 'commonjs',
        source: "module.exports = () => Promise.reject(new Error('no network in tests'))",
        shortCircuit: true,
      }
    }
    return nextLoad(url, context)
  },
})

const electronVersion = JSON.parse(readFileSync(projectRequire.resolve('electron/package.json'), 'utf8')).version

// One folder holding a copy of each, so checks that look across files (a permission handler in
// main/ for a window whose page is in renderer/) see the whole application.
const root = mkdtempSync(join(tmpdir(), 'keyward-electronegativity-'))
try {
  for (const folder of folders) {
    const source = resolve(folder)
    if (!existsSync(source)) throw new Error(`${folder} does not exist`)
    cpSync(source, join(root, basename(source)), { recursive: true })
  }
  const run = toolRequire(toolEntry)
  // Its progress messages go to console.log; keep stdout for the summary.
  const log = console.log
  console.log = (...args) => process.stderr.write(`${args.join(' ')}\n`)
  const result = await run({
    input: root,
    output: resolve(output),
    isSarif: true,
    isRelative: true,
    customScan: [],
    excludeFromScan: excluded,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  })
  console.log = log
  process.stdout.write(
    `${JSON.stringify({
      electronVersion,
      checks: result.globalChecks + result.atomicChecks,
      issues: result.issues.length,
      unparsed: result.errors
        .filter((error) => !error.tolerable)
        .map((error) => ({ file: error.file.slice(root.length + 1), message: error.message })),
    })}\n`,
  )
} finally {
  // The SARIF is written asynchronously by the tool; the process stays up until it is on disk.
  process.on('exit', () => rmSync(root, { recursive: true, force: true }))
}
