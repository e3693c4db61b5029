// Runs before `npm start` and `npm run dev`: electron-vite only reads node_modules/electron/path.txt,
// and Electron's package fetches its binary lazily, so fetch it here once with Electron's own installer.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const projectRequire = createRequire(new URL('../package.json', import.meta.url))
const electronDir = dirname(projectRequire.resolve('electron/package.json'))
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))

/** Mirrors install.js's own test: dist/version names this release and path.txt's binary exists. */
const isInstalled = () => {
  try {
    const distVersion = readFileSync(join(electronDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '')
    const binaryPath = readFileSync(join(electronDir, 'path.txt'), 'utf8')
    return distVersion === version && binaryPath !== '' && existsSync(join(electronDir, 'dist', binaryPath))
  } catch {
    return false
  }
}

/** The installer prints a stack trace on failure; keep only its first line, the reason. */
const reasonFrom = (stderr) => {
  const first = stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('at '))
  return (first ?? 'the installer stopped without saying why').replace(/^(Type)?Error: /, '')
}

// Someone who points electron-vite at their own binary has answered the question already.
if (process.env.ELECTRON_EXEC_PATH || process.env.ELECTRON_OVERRIDE_DIST_PATH || isInstalled()) process.exit(0)

const env = { ...process.env }
// Electron's downloader honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY only when asked to.
const proxyNames = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']
if (!env.ELECTRON_GET_USE_PROXY && proxyNames.some((name) => env[name])) env.ELECTRON_GET_USE_PROXY = 'true'

process.stderr.write(`Downloading Electron ${version} (once, about 100 MB)...\n`)
const installer = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
  env,
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
})
if (installer.status === 0 && isInstalled()) process.exit(0)

const reason = installer.error ? installer.error.message : reasonFrom(installer.stderr ?? '')
process.stderr.write(
  `Electron ${version} could not be downloaded (${reason}). ` +
    'Behind a proxy, set HTTPS_PROXY (and NO_PROXY); to use a mirror, set ELECTRON_MIRROR to its URL ' +
    '(and electron_config_cache to a writable folder for the download). ' +
    'Then run the command again, or fetch Electron alone with: npx install-electron\n',
)
process.exit(1)
