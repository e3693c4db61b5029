// Where the app finds its own keyward command (a package's resources/cli, dist-cli in development),
// and the menu's "Install the keyward command…", run against a real folder in a temporary home with
// a message box that records what it was asked to say (Electron's dialog cannot run here).
import { mkdirSync, readlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commandPlace, installCommandFromMenu, type MessageBoxLike } from '../../../main/app/commandPlace'
import { CommandInstaller } from '../../../main/ipc/commandInstall'
import { makeTempDirectory } from '../../support/tempVault'

describe('commandPlace', () => {
  const input = {
    isPackaged: true,
    resourcesPath: '/opt/Keyward/resources',
    mainDirectory: '/opt/Keyward/resources/app.asar/out/main',
    platform: 'linux' as const,
    homeDirectory: '/home/someone',
    env: { PATH: '/usr/bin', APPIMAGE: '/home/someone/Keyward.AppImage' },
  }

  it("uses the package's resources/cli, and knows an AppImage by the APPIMAGE its runtime sets", () => {
    expect(commandPlace(input)).toEqual({
      platform: 'linux',
      homeDirectory: '/home/someone',
      commandFolder: '/opt/Keyward/resources/cli',
      pathVariable: '/usr/bin',
      fromAppImage: true,
    })
    expect(commandPlace({ ...input, env: { PATH: '/usr/bin' } }).fromAppImage).toBe(false)
    expect(commandPlace({ ...input, platform: 'darwin' }).fromAppImage).toBe(false)
  })

  it('uses dist-cli beside the built app in development', () => {
    const place = commandPlace({ ...input, isPackaged: false, mainDirectory: '/work/keyward/out/main' })
    expect(place.commandFolder).toBe('/work/keyward/dist-cli')
    expect(place.fromAppImage).toBe(false)
  })
})

describe('the menu entry', () => {
  let temp: ReturnType<typeof makeTempDirectory>
  let installer: CommandInstaller
  const said: Parameters<MessageBoxLike['showMessageBox']>[0][] = []
  const dialog: MessageBoxLike = {
    showMessageBox: async (options) => {
      said.push(options)
      return {}
    },
  }
  beforeEach(() => {
    said.length = 0
    temp = makeTempDirectory('keyward-command-menu-')
    const commandFolder = join(temp.directory, 'resources/cli')
    mkdirSync(commandFolder, { recursive: true })
    writeFileSync(join(commandFolder, 'keyward'), '#!/bin/sh\n', { mode: 0o755 })
    installer = new CommandInstaller({
      platform: 'linux',
      homeDirectory: temp.directory,
      commandFolder,
      pathVariable: '/usr/bin',
      fromAppImage: false,
      displayPath: (path) => path.replace(temp.directory, '~'),
    })
  })
  afterEach(() => temp.cleanup())

  it('installs, and says what it did and what to add to PATH', async () => {
    await installCommandFromMenu(installer, dialog)
    expect(readlinkSync(join(temp.directory, '.local/bin/keyward'))).toBe(join(temp.directory, 'resources/cli/keyward'))
    expect(said).toEqual([
      {
        type: 'info',
        message: 'Linked ~/.local/bin/keyward to ~/resources/cli/keyward.',
        detail: expect.stringContaining('~/.local/bin is not on your PATH'),
        buttons: ['OK'],
      },
    ])
  })

  it("says why it installs nothing over another program's keyward", async () => {
    mkdirSync(join(temp.directory, '.local/bin'), { recursive: true })
    writeFileSync(join(temp.directory, '.local/bin/keyward'), 'another')
    await installCommandFromMenu(installer, dialog)
    expect(said[0]).toMatchObject({ type: 'info', message: expect.stringContaining("is another program's file") })
  })
})
