// `npm start` and `npm run dev` on a clone whose Electron binary was never fetched: the prestart/predev
// step runs Electron's own installer against a loopback mirror serving a stand-in release zip, and
// electron-vite then launches that stand-in with the app; offline, one clear line and a failing exit.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDirectory } from '../../support/tempVault'
import { zipArchive } from '../../support/zipArchive'

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version
const ZIP_NAME = `electron-v${ELECTRON_VERSION}-linux-${process.arch}.zip`
const RUN_LIMIT_MS = 60_000

// The stand-in records where it was started and with what, then exits as a closed window would.
const STAND_IN = '#!/bin/sh\nprintf "%s\\n" "$PWD" "$@" > "$KEYWARD_STAND_IN_RECORD"\n'
const releaseZip = zipArchive([
  { name: 'electron', content: STAND_IN, mode: 0o755 },
  { name: 'version', content: ELECTRON_VERSION },
  { name: 'LICENSE', content: 'stand-in\n' },
])

/** A release mirror on loopback: the zip under v<version>/, and its SHASUMS256.txt beside it. */
const startMirror = async (shasums: string) => {
  const requested: string[] = []
  const server = http.createServer((request, response) => {
    requested.push(request.url ?? '')
    if (request.url === `/v${ELECTRON_VERSION}/${ZIP_NAME}`) response.end(releaseZip)
    else if (request.url === `/v${ELECTRON_VERSION}/SHASUMS256.txt`) response.end(shasums)
    else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
const goodShasums = `${createHash('sha256').update(releaseZip).digest('hex')} *${ZIP_NAME}\n`

/**
 * A clone as a newcomer has it after `npm install`: the project's sources and every dependency, but
 * Electron's package as npm leaves it (no dist/, no path.txt). electron and electron-vite are copied
 * (electron-vite finds electron from where it lies); every other package is a link to this checkout's.
 */
const scratchClone = (directory: string): string => {
  const clone = join(directory, 'clone')
  for (const entry of [
    'package.json',
    'electron.vite.config.ts',
    'tsconfig.json',
    'tsconfig.base.json',
    'tsconfig.node.json',
    'tsconfig.web.json',
    'main',
    'preload',
    'renderer',
    'scripts',
  ]) {
    cpSync(join(PROJECT_ROOT, entry), join(clone, entry), {
      recursive: true,
      filter: (source) => !source.includes('/native/build'),
    })
  }
  const modules = join(clone, 'node_modules')
  mkdirSync(join(modules, '.bin'), { recursive: true })
  for (const name of readdirSync(join(PROJECT_ROOT, 'node_modules'))) {
    if (name === '.bin' || name === 'electron' || name === 'electron-vite') continue
    symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(modules, name))
  }
  const copyOf = (name: string) =>
    cpSync(join(PROJECT_ROOT, 'node_modules', name), join(modules, name), {
      recursive: true,
      filter: (source) => !/\/electron\/(dist|path\.txt)/.test(source),
    })
  copyOf('electron')
  copyOf('electron-vite')
  symlinkSync('../electron-vite/bin/electron-vite.js', join(modules, '.bin', 'electron-vite'))
  return clone
}

interface NpmRun {
  exitCode: number
  stdout: string
  stderr: string
}

const runNpm = (script: string, clone: string, env: Record<string, string>): Promise<NpmRun> =>
  new Promise((resolve, reject) => {
    const child = spawn('npm', script === 'start' ? ['start'] : ['run', script], {
      cwd: clone,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    // A bound on every wait: the whole process group goes if the run hangs.
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), RUN_LIMIT_MS)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr })
    })
  })

let temp: ReturnType<typeof makeTempDirectory>
beforeAll(() => {
  temp = makeTempDirectory('keyward-first-run-')
})
afterAll(() => temp?.cleanup())

const environment = (case_: string, mirror: string): { env: Record<string, string>; record: string } => {
  const record = join(temp.directory, case_, 'launched.txt')
  return {
    record,
    env: {
      // This Node first, then wherever npm lives.
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: join(temp.directory, case_, 'home'),
      LANG: 'C.UTF-8',
      ELECTRON_MIRROR: mirror,
      electron_config_cache: join(temp.directory, case_, 'electron-cache'),
      electron_use_remote_checksums: '1',
      ELECTRON_GET_NO_PROGRESS: '1',
      KEYWARD_STAND_IN_RECORD: record,
    },
  }
}

const CLOSED_PORT_MIRROR = 'http://127.0.0.1:9/'
const launchedWith = (record: string) => readFileSync(record, 'utf8').trimEnd().split('\n')

describe('npm start on a fresh clone', { timeout: 3 * RUN_LIMIT_MS }, () => {
  it('fetches Electron through its own installer from the mirror, then launches it with the app', async () => {
    const mirror = await startMirror(goodShasums)
    try {
      const clone = scratchClone(join(temp.directory, 'online'))
      const { env, record } = environment('online', mirror.url)
      const started = await runNpm('start', clone, env)
      expect(started.stderr).not.toMatch(/^\s+at /m)
      expect(started.exitCode, started.stderr).toBe(0)
      expect(mirror.requested).toContain(`/v${ELECTRON_VERSION}/${ZIP_NAME}`)
      expect(mirror.requested).toContain(`/v${ELECTRON_VERSION}/SHASUMS256.txt`)
      expect(readFileSync(join(clone, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron')
      // electron-vite preview builds, then starts Electron in the project folder with "." (package.json's main).
      expect(existsSync(join(clone, 'out/main/index.js'))).toBe(true)
      expect(launchedWith(record)).toEqual([clone, '.'])
      expect((JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { main: string }).main).toBe(
        'out/main/index.js',
      )

      // Installed once: the next start asks the mirror for nothing.
      const downloads = mirror.requested.length
      const again = await runNpm('start', clone, env)
      expect(again.exitCode, again.stderr).toBe(0)
      expect(again.stderr).not.toContain('Downloading Electron')
      expect(mirror.requested.length).toBe(downloads)
    } finally {
      await mirror.close()
    }
  })

  it('offline: one line saying what to do, a failing exit, and no Electron started', async () => {
    const clone = scratchClone(join(temp.directory, 'offline'))
    const { env, record } = environment('offline', CLOSED_PORT_MIRROR)
    const started = await runNpm('start', clone, env)
    expect(started.exitCode).toBe(1)
    expect(started.stderr).not.toMatch(/^\s+at /m)
    const message = started.stderr.split('\n').filter((line) => line.includes('could not be downloaded'))
    expect(message).toHaveLength(1)
    expect(message[0]).toMatch(
      new RegExp(`^Electron ${ELECTRON_VERSION.replaceAll('.', '\\.')} could not be downloaded \\(fetch failed\\)\\. `),
    )
    for (const advice of ['HTTPS_PROXY', 'ELECTRON_MIRROR', 'electron_config_cache', 'npx install-electron'])
      expect(message[0]).toContain(advice)
    expect(existsSync(record)).toBe(false)
    expect(existsSync(join(clone, 'out'))).toBe(false)

    // The same clone, back online: `npm run dev` fetches it the same way and starts the app.
    const mirror = await startMirror(goodShasums)
    try {
      const dev = await runNpm('dev', clone, environment('offline', mirror.url).env)
      expect(dev.exitCode, dev.stderr).toBe(0)
      expect(mirror.requested).toContain(`/v${ELECTRON_VERSION}/${ZIP_NAME}`)
      expect(launchedWith(record)).toEqual([clone, '.'])
    } finally {
      await mirror.close()
    }
  })

  it("a zip that does not match the mirror's checksums is refused and nothing is launched", async () => {
    const mirror = await startMirror(`${'0'.repeat(64)} *${ZIP_NAME}\n`)
    try {
      const clone = scratchClone(join(temp.directory, 'tampered'))
      const { env, record } = environment('tampered', mirror.url)
      const started = await runNpm('start', clone, env)
      expect(started.exitCode).not.toBe(0)
      expect(started.stderr).not.toMatch(/^\s+at /m)
      expect(started.stderr).toMatch(/could not be downloaded \(.*checksum/i)
      expect(existsSync(join(clone, 'node_modules/electron/path.txt'))).toBe(false)
      expect(existsSync(record)).toBe(false)
    } finally {
      await mirror.close()
    }
  })
})
