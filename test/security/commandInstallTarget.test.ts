// A compromised renderer and "Install the keyward command": the page may ask main to install or remove
// the command, but it cannot say where the link goes or what it leads to. Main takes no argument for
// these methods (anything sent is refused before a handler runs), and the one link it makes is its
// own choice, ~/.local/bin/keyward, leading to the app's own command.
import { existsSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeEach, expect, it } from 'vitest'
import { invokeMethod } from '../../main/ipc/handlers'
import { contract } from '#contract'
import { useIpcWorld } from '../support/ipcWorld'

let home: string
let commandFolder: string

// Main's command settings for this test's temporary home and app folder, made before each test.
const world = useIpcWorld({
  services: (directory) => {
    home = join(directory, 'home')
    commandFolder = join(directory, 'app/resources/cli')
    return {
      homeDirectory: home,
      command: { platform: 'linux', homeDirectory: home, commandFolder, pathVariable: '/usr/bin', fromAppImage: false },
    }
  },
})
beforeEach(() => {
  mkdirSync(home)
  mkdirSync(commandFolder, { recursive: true })
  writeFileSync(join(commandFolder, 'keyward'), '#!/bin/sh\n', { mode: 0o755 })
})

/** Every file and folder under `folder`, relative to it. */
const everything = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((entry) => relative(folder, join(folder, entry)))

it('refuses any argument to install, remove or the status: the page cannot name a path', async () => {
  const elsewhere = join(world.temp.directory, 'elsewhere')
  mkdirSync(elsewhere)
  const hostile: unknown[] = [
    { path: join(elsewhere, 'keyward') },
    { linkPath: join(elsewhere, 'keyward'), target: '/bin/sh' },
    { folder: elsewhere },
    join(elsewhere, 'keyward'),
    [join(elsewhere, 'keyward')],
    null,
  ]
  for (const method of ['installCommand', 'removeCommand', 'getCommandStatus'] as const) {
    for (const argument of hostile) {
      const result = await invokeMethod(world.handlers, method, argument)
      expect(result, `${method}(${JSON.stringify(argument)})`).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument' },
      })
    }
  }
  expect(everything(elsewhere)).toEqual([])
  expect(existsSync(join(home, '.local'))).toBe(false)
})

it("makes only main's own link, to the app's own command, whatever the page asked before", async () => {
  const before = everything(world.temp.directory)
  const result = await invokeMethod(world.handlers, 'installCommand', undefined)
  expect(result.ok).toBe(true)
  const added = everything(world.temp.directory).filter((entry) => !before.includes(entry))
  expect(added.sort()).toEqual(['home/.local', 'home/.local/bin', 'home/.local/bin/keyward'])
  expect(readlinkSync(join(home, '.local/bin/keyward'))).toBe(join(commandFolder, 'keyward'))
})

it('declares no argument for these methods in the contract', () => {
  for (const method of ['installCommand', 'removeCommand', 'getCommandStatus'] as const) {
    expect(contract[method].input.safeParse(undefined).success).toBe(true)
    expect(contract[method].input.safeParse({}).success).toBe(false)
  }
})
