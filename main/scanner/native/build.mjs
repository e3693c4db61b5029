// Builds the pack reader (packReader.c) with node-gyp against the running Node's own headers, so no
// headers are downloaded. Run after every install. Without a C compiler or zlib's headers the scanner
// still works (every blob through git cat-file, slower): this warns and ends well, unless --strict.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const strict = process.argv.includes('--strict')
const here = dirname(fileURLToPath(import.meta.url))
const nodeHome = dirname(dirname(process.execPath))
const nodeDirectory = [nodeHome, '/usr'].find((folder) => existsSync(join(folder, 'include', 'node', 'node_api.h')))

const fail = (reason) => {
  const message = `Keyward's pack reader was not built (${reason}); history scans read every blob through git cat-file instead, which is slower (1.2-1.3x on a large history). To build it, install a C compiler, make, Python 3 and zlib's headers (Debian: build-essential python3 zlib1g-dev), then run npm run build:native.`
  console.warn(message)
  process.exit(strict ? 1 : 0)
}

if (process.platform === 'win32') fail('not built on Windows yet')
if (!nodeDirectory) fail(`no Node headers beside ${process.execPath}`)
const nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js')
const built = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodeDirectory}`, '--loglevel=warn'], {
  cwd: here,
  stdio: 'inherit',
})
if (built.status !== 0) fail(`node-gyp ended with ${built.status ?? built.signal}`)
