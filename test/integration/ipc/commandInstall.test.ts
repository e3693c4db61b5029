// "Install the keyward command" through the real handlers, on the real filesystem in a temporary
// home: the link main makes on Linux (~/.local/bin/keyward), its copy out of an AppImage, what it
// says about PATH, and the paths it must never touch (another program's keyward, the app's own files).
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  linkSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createHandlers,
  createServices,
  disposeServices,
  invokeMethod,
  type MainServices,
} from '../../../main/ipc/handlers'
import type { ServiceOptions } from '../../../main/ipc/services'
import type { CommandStatus } from '#contract'
import { MemoryClipboard } from '../../support/memoryClipboard'
import { ScriptedConfirmations } from '../../support/scriptedConfirmations'
import { ScriptedDialogs } from '../../support/scriptedDialogs'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../../support/tempVault'

let temp: ReturnType<typeof makeTempDirectory>
let home: string
/** The app's resources/cli: keyward and its native parts. */
let commandFolder: string
let services: MainServices | null = null

beforeEach(() => {
  temp = makeTempDirectory('keyward-command-')
  home = join(temp.directory, 'home')
  mkdirSync(home)
  commandFolder = join(temp.directory, 'Keyward/resources/cli')
  mkdirSync(commandFolder, { recursive: true })
  writeFileSync(join(commandFolder, 'keyward'), '#!/bin/sh\necho keyward 9.9\n', { mode: 0o755 })
  for (const part of ['better_sqlite3.node', 'argon2.node', 'keyward_pack.node'])
    writeFileSync(join(commandFolder, part), `the ${part} bytes`, { mode: 0o644 })
})
afterEach(async () => {
  await restartMain()
  temp.cleanup()
})

type Command = NonNullable<ServiceOptions['command']>
/** Main starts on a test's first call, with that call's command settings; later settings need a restart. */
const call = async (method: string, options: Partial<Command> = {}, argument?: unknown) => {
  if (services && Object.keys(options).length > 0)
    throw new Error('main already runs with its command settings: restartMain() before giving others')
  services ??= createServices({
    vaultPath: tempVaultPath(temp.directory),
    clipboard: new MemoryClipboard(),
    dialogs: new ScriptedDialogs(),
    confirmations: new ScriptedConfirmations(),
    kdfCost: TEST_KDF_COST,
    homeDirectory: home,
    command: {
      platform: 'linux',
      homeDirectory: home,
      commandFolder,
      pathVariable: '/usr/bin:/bin',
      fromAppImage: false,
      ...options,
    },
  })
  return invokeMethod(createHandlers(services), method, argument)
}
/** Main quits; the next call starts it again, with that call's command settings. */
const restartMain = async () => {
  if (services) await disposeServices(services)
  services = null
}
const status = async (options: Partial<Command> = {}): Promise<CommandStatus> => {
  const result = await call('getCommandStatus', options)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as CommandStatus
}
const repositoryRoot = join(__dirname, '..', '..', '..')

/** This Node, where another user can run it (its own folder may be closed to them): linked, else copied. */
const nodeFor = (folder: string): string => {
  const path = join(folder, 'node')
  try {
    linkSync(process.execPath, path)
  } catch {
    copyFileSync(process.execPath, path)
  }
  return path
}
const linkPath = () => join(home, '.local/bin/keyward')

describe('on Linux', () => {
  it('links ~/.local/bin/keyward to the app’s command, says how to put it on PATH, and removes it again', async () => {
    expect(await status()).toMatchObject({
      state: 'not-installed',
      linkPath: '~/.local/bin/keyward',
      canInstall: true,
      canRemove: false,
      linkFolderOnPath: false,
      firstOnPath: null,
    })
    const installed = await call('installCommand')
    expect(installed).toMatchObject({
      ok: true,
      value: { message: `Linked ~/.local/bin/keyward to ${join(commandFolder, 'keyward')}.` },
    })
    expect(readlinkSync(linkPath())).toBe(join(commandFolder, 'keyward'))
    const after = (installed as { value: { status: CommandStatus } }).value.status
    expect(after).toMatchObject({ state: 'installed', canInstall: false, canRemove: true })
    expect(after.pathAdvice).toContain('export PATH="$HOME/.local/bin:$PATH"')

    const removed = await call('removeCommand')
    expect(removed).toMatchObject({ ok: true, value: { message: 'Removed ~/.local/bin/keyward.' } })
    expect(existsSync(linkPath())).toBe(false)
    expect(readFileSync(join(commandFolder, 'keyward'), 'utf8')).toContain('keyward 9.9')
  })

  it('says which keyward a shell finds first, and when it is not the app’s (an older one earlier on PATH)', async () => {
    const older = join(temp.directory, 'older-bin')
    mkdirSync(older)
    writeFileSync(join(older, 'keyward'), '#!/bin/sh\necho keyward 0.1\n', { mode: 0o755 })
    const localBin = join(home, '.local/bin')
    const pathVariable = `${older}:${localBin}:/usr/bin`
    expect((await call('installCommand', { pathVariable })).ok).toBe(true)
    expect(await status()).toMatchObject({
      state: 'installed',
      linkFolderOnPath: true,
      pathAdvice: null,
      firstOnPath: join(older, 'keyward'),
      shadowedBy: join(older, 'keyward'),
    })
    await restartMain()
    expect(await status({ pathVariable: `${localBin}:${older}` })).toMatchObject({
      firstOnPath: '~/.local/bin/keyward',
      shadowedBy: null,
    })
  })

  it('names paths as the successes do (~ for home) when a link cannot be made, and writes nothing', async () => {
    writeFileSync(join(home, '.local'), 'a file where a folder should be')
    const refused = await call('installCommand')
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'io_error',
        message:
          'Could not link ~/.local/bin/keyward: ~/.local/bin is not a folder (a file stands in its path). Choose another path.',
      },
    })
    expect(JSON.stringify(refused)).not.toContain(home)
    expect(readFileSync(join(home, '.local'), 'utf8')).toBe('a file where a folder should be')
  })

  it("never replaces or removes another program's keyward (a file, or a link elsewhere)", async () => {
    mkdirSync(join(home, '.local/bin'), { recursive: true })
    writeFileSync(linkPath(), '#!/bin/sh\necho another keyward\n', { mode: 0o755 })
    expect(await status()).toMatchObject({ state: 'foreign', canInstall: false, canRemove: false })
    for (const method of ['installCommand', 'removeCommand']) {
      const refused = await call(method)
      expect(refused).toMatchObject({ ok: false, error: { code: 'io_error' } })
      expect(JSON.stringify(refused)).toContain(
        "~/.local/bin/keyward is another program's file, not a link Keyward made: Keyward leaves it.",
      )
      expect(readFileSync(linkPath(), 'utf8')).toBe('#!/bin/sh\necho another keyward\n')
    }
    const elsewhere = join(temp.directory, 'other/keyward')
    for (const target of [elsewhere, join(temp.directory, 'Keyward/resources/cli/keyward-helper')]) {
      await restartMain()
      rmSync(linkPath())
      symlinkSync(target, linkPath())
      for (const method of ['installCommand', 'removeCommand']) {
        expect(await call(method), `${method} with a link to ${target}`).toMatchObject({
          ok: false,
          error: {
            code: 'io_error',
            message: expect.stringContaining("another program's link, not a link Keyward made"),
          },
        })
      }
      expect(readlinkSync(linkPath())).toBe(target)
    }
  })

  it('replaces its own link from an earlier install of the app', async () => {
    mkdirSync(join(home, '.local/bin'), { recursive: true })
    symlinkSync('/opt/Keyward-0.1/resources/cli/keyward', linkPath())
    const before = await status()
    expect(before).toMatchObject({ state: 'not-installed', canInstall: true, canRemove: true })
    expect(before.message).toContain(
      "Keyward's link from an earlier install (to /opt/Keyward-0.1/resources/cli/keyward)",
    )
    expect((await call('installCommand')).ok).toBe(true)
    expect(readlinkSync(linkPath())).toBe(join(commandFolder, 'keyward'))
  })

  it('copies the command out of an AppImage (whose folder goes when it quits) and links the copy', async () => {
    const result = await call('installCommand', { fromAppImage: true })
    expect(result.ok, JSON.stringify(result)).toBe(true)
    const copy = join(home, '.local/share/keyward/cli')
    expect(readlinkSync(linkPath())).toBe(join(copy, 'keyward'))
    expect(statSync(copy).mode & 0o777).toBe(0o755)
    expect(statSync(join(copy, 'keyward')).mode & 0o777).toBe(0o755)
    for (const part of ['better_sqlite3.node', 'argon2.node', 'keyward_pack.node']) {
      expect(statSync(join(copy, part)).mode & 0o777).toBe(0o644)
      expect(readFileSync(join(copy, part), 'utf8')).toBe(`the ${part} bytes`)
    }
    expect(spawnSync(linkPath(), { encoding: 'utf8' }).stdout).toBe('keyward 9.9\n')
    expect((await call('removeCommand')).ok).toBe(true)
    expect(existsSync(linkPath()) || existsSync(copy)).toBe(false)
  })

  it('offers nothing to install when the package already put this app’s keyward on PATH (the deb)', async () => {
    const usrBin = join(temp.directory, 'usr/bin')
    mkdirSync(usrBin, { recursive: true })
    symlinkSync(join(commandFolder, 'keyward'), join(usrBin, 'keyward'))
    expect(await status({ pathVariable: usrBin })).toMatchObject({
      state: 'by-package',
      canInstall: false,
      shadowedBy: null,
      message: `keyward on your PATH is this app's: ${join(usrBin, 'keyward')}.`,
    })
    expect((await call('installCommand')).ok).toBe(false)
    expect(existsSync(linkPath())).toBe(false)
  })

  it('says so when this build carries no command, and installs nothing', async () => {
    expect(await status({ commandFolder: join(temp.directory, 'nowhere') })).toMatchObject({
      state: 'unavailable',
      canInstall: false,
    })
    expect((await call('installCommand')).ok).toBe(false)
    expect(existsSync(join(home, '.local'))).toBe(false)
  })
})

describe('on macOS', () => {
  it('links /usr/local/bin/keyward when it may write there', async () => {
    const systemBin = join(temp.directory, 'usr-local-bin')
    const result = await call('installCommand', { platform: 'darwin', systemBinFolder: systemBin })
    expect(result.ok, JSON.stringify(result)).toBe(true)
    expect(readlinkSync(join(systemBin, 'keyward'))).toBe(join(commandFolder, 'keyward'))
    expect(await status()).toMatchObject({ state: 'installed', adminCommand: null, pathAdvice: null })
  })

  it('gives the exact command to run when /usr/local/bin needs an administrator, and writes nothing', () => {
    // Run as a user who may not write in the folder: nobody when the tests run as root (root may
    // write anywhere), else this user with the folder made read-only.
    chmodSync(temp.directory, 0o755)
    const appFolder = join(temp.directory, "Keyward's app/resources/cli")
    mkdirSync(appFolder, { recursive: true })
    writeFileSync(join(appFolder, 'keyward'), '#!/bin/sh\n', { mode: 0o755 })
    const systemBin = join(temp.directory, 'usr-local-bin')
    mkdirSync(systemBin, { mode: 0o755 })
    const asRoot = process.getuid?.() === 0
    if (!asRoot) chmodSync(systemBin, 0o555)
    const script = join(temp.directory, 'install.mts')
    writeFileSync(
      script,
      `import { CommandInstaller } from ${JSON.stringify(join(repositoryRoot, 'main/ipc/commandInstall.ts'))}
const installer = new CommandInstaller({ ...JSON.parse(process.argv[2]), displayPath: (path) => path })
let error = null
try { installer.install() } catch (caught) { error = caught.message }
console.log(JSON.stringify({ status: installer.status(), error }))`,
      { mode: 0o644 },
    )
    const options = {
      platform: 'darwin',
      homeDirectory: home,
      commandFolder: appFolder,
      pathVariable: '/usr/bin',
      fromAppImage: false,
      systemBinFolder: systemBin,
    }
    const run = spawnSync(
      asRoot ? nodeFor(temp.directory) : process.execPath,
      ['--import', 'tsx', script, JSON.stringify(options)],
      {
        cwd: repositoryRoot,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'], HOME: home },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      },
    )
    expect(run.status, `${run.stderr}${String(run.error)}`).toBe(0)
    const { status: offered, error } = JSON.parse(run.stdout) as { status: CommandStatus; error: string }
    const target = join(appFolder, 'keyward').replaceAll("'", "'\\''")
    expect(offered.adminCommand).toBe(
      `sudo mkdir -p '${systemBin}' && sudo ln -sfn '${target}' '${join(systemBin, 'keyward')}'`,
    )
    expect(error).toBe(
      `Linking ${join(systemBin, 'keyward')} needs an administrator: run the command below in Terminal, then check again.`,
    )
    expect(existsSync(join(systemBin, 'keyward'))).toBe(false)
    // The command as offered (without sudo: the tests may not have it) makes the link it should.
    if (!asRoot) chmodSync(systemBin, 0o755)
    const ran = spawnSync('/bin/sh', ['-c', offered.adminCommand!.replaceAll('sudo ', '')], { encoding: 'utf8' })
    expect(ran.status, ran.stderr).toBe(0)
    expect(readlinkSync(join(systemBin, 'keyward'))).toBe(join(appFolder, 'keyward'))
  })
})
