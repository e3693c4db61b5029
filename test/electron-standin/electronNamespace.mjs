// Writes Electron's type declarations without their `declare module 'electron'` blocks, for
// tsconfig.standin.json: there 'electron' must resolve to the stand-in, and an ambient module of that
// name would win over the path mapping. `npm run typecheck` runs this first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const declarations = readFileSync(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8')
const firstModule = declarations.indexOf("\ndeclare module 'electron' {")
if (firstModule < 0) {
  console.error("electron.d.ts has no `declare module 'electron'` block: the stand-in's type check needs updating.")
  process.exit(1)
}
const outputDirectory = join(repositoryRoot, 'node_modules', '.cache', 'electron-standin')
mkdirSync(outputDirectory, { recursive: true })
writeFileSync(join(outputDirectory, 'electron-namespace.d.ts'), declarations.slice(0, firstModule))
