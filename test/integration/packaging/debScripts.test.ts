// The deb's own after-install and after-remove scripts (packaging/linux), filled in as electron-builder
// fills its templates and run by bash against a fake root through $DPKG_ROOT, dpkg's own prefix for
// an installation into another root (update-alternatives honours it too). Their PATH holds only the
// tools they need, so the system-wide steps (MIME, desktop database, AppArmor) find no tool and are
// skipped, as on a system without them: only the fake root is ever touched.
import { spawnSync } from 'node:child_process'
import { lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { makeTempDirectory } from '../../support/tempVault'

const repositoryRoot = join(__dirname, '..', '..', '..')
const config = parse(readFileSync(join(repositoryRoot, 'electron-builder.yml'), 'utf8')) as {
  productName: string
  linux: { executableName: string }
  deb: { afterInstall: string; afterRemove: string }
}
const APP_FOLDER = `/opt/${config.productName}`
const COMMAND = `${APP_FOLDER}/resources/cli/keyward`
const TOOLS = ['readlink', 'ln', 'mkdir', 'rm', 'chmod', 'cp', 'update-alternatives']

/** The template as electron-builder's FpmTarget fills it: ${name} from its fields, any other one an error. */
const fillTemplate = (path: string): string => {
  const fields: Record<string, string> = {
    executable: config.linux.executableName,
    sanitizedProductName: config.productName,
    productFilename: config.productName,
  }
  return readFileSync(join(repositoryRoot, path), 'utf8').replace(/\${([a-zA-Z]+)}/g, (_match, name: string) => {
    if (!(name in fields)) throw new Error(`Macro ${name} is not defined`)
    return fields[name]!
  })
}

let temp: ReturnType<typeof makeTempDirectory>
let root: string
let tools: string

beforeEach(() => {
  temp = makeTempDirectory('keyward-deb-scripts-')
  root = join(temp.directory, 'root')
  for (const folder of ['usr/bin', 'etc/alternatives', 'var/lib/dpkg/alternatives', 'var/log', 'opt'])
    mkdirSync(join(root, folder), { recursive: true })
  // The installed package: the app, chrome-sandbox, and the command in resources/cli.
  mkdirSync(join(root, APP_FOLDER, 'resources/cli'), { recursive: true })
  writeFileSync(join(root, APP_FOLDER, 'keyward'), '#!/bin/sh\n', { mode: 0o755 })
  writeFileSync(join(root, APP_FOLDER, 'chrome-sandbox'), '', { mode: 0o644 })
  writeFileSync(join(root, COMMAND), '#!/bin/sh\n', { mode: 0o755 })
  tools = join(temp.directory, 'tools')
  mkdirSync(tools)
  for (const tool of TOOLS) {
    const found = spawnSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim()
    if (!found) throw new Error(`${tool} is needed to run the deb's scripts here`)
    symlinkSync(found, join(tools, tool))
  }
})
afterEach(() => temp.cleanup())

const runScript = (template: string, ...argumentList: string[]) => {
  const script = join(temp.directory, 'script.sh')
  writeFileSync(script, fillTemplate(template), { mode: 0o755 })
  const run = spawnSync('/bin/bash', [script, ...argumentList], {
    encoding: 'utf8',
    env: { PATH: tools, DPKG_ROOT: root },
  })
  return { status: run.status, stderr: run.stderr }
}
const afterInstall = () => runScript(config.deb.afterInstall, 'configure')
const afterRemove = (action = 'remove') => runScript(config.deb.afterRemove, action)

const commandLink = () => join(root, 'usr/bin/keyward')
const alternatives = (...argumentList: string[]) =>
  spawnSync('update-alternatives', argumentList, { encoding: 'utf8', env: { ...process.env, DPKG_ROOT: root } })

describe("the deb's after-install", () => {
  it('links /usr/bin/keyward to the keyward command, and keeps setting the sandbox helper up', () => {
    const installed = afterInstall()
    expect(installed.status, installed.stderr).toBe(0)
    expect(readlinkSync(commandLink())).toBe(COMMAND)
    // No user namespaces to be found (no unshare on its PATH): the sandbox helper is made setuid.
    expect(statSync(join(root, APP_FOLDER, 'chrome-sandbox')).mode & 0o7777).toBe(0o4755)
  })

  it('takes over the link from a release that registered the app as the "keyward" alternative', () => {
    const registered = alternatives('--install', '/usr/bin/keyward', 'keyward', `${APP_FOLDER}/keyward`, '100')
    expect(registered.status, registered.stderr).toBe(0)
    expect(readlinkSync(commandLink())).toBe('/etc/alternatives/keyward')
    expect(afterInstall().status).toBe(0)
    expect(readlinkSync(commandLink())).toBe(COMMAND)
    expect(alternatives('--query', 'keyward').status).not.toBe(0)
  })

  it("replaces its own earlier link to the app's window", () => {
    symlinkSync(`${APP_FOLDER}/keyward`, commandLink())
    expect(afterInstall().status).toBe(0)
    expect(readlinkSync(commandLink())).toBe(COMMAND)
  })

  it("leaves another program's keyward (a file or a link elsewhere) as it is, and says so", () => {
    writeFileSync(commandLink(), '#!/bin/sh\necho another keyward\n', { mode: 0o755 })
    const overFile = afterInstall()
    expect(overFile.status).toBe(0)
    expect(readFileSync(commandLink(), 'utf8')).toBe('#!/bin/sh\necho another keyward\n')
    expect(overFile.stderr).toContain(`${root}/usr/bin/keyward is another program's file, left as it is`)
    expect(overFile.stderr).toContain(COMMAND)

    // Its own folder name starts like ours: only a link into /opt/Keyward/ is ours.
    for (const target of ['/usr/local/lib/other/keyward', `${APP_FOLDER}-other/keyward`]) {
      rmSync(commandLink())
      symlinkSync(target, commandLink())
      const overLink = afterInstall()
      expect(overLink.status).toBe(0)
      expect(readlinkSync(commandLink())).toBe(target)
      expect(overLink.stderr).toContain("is another program's link, left as it is")
    }
  })
})

describe("the deb's after-remove", () => {
  it('removes its link on uninstall, and keeps it on an upgrade', () => {
    expect(afterInstall().status).toBe(0)
    expect(afterRemove('upgrade').status).toBe(0)
    expect(readlinkSync(commandLink())).toBe(COMMAND)
    const removed = afterRemove('remove')
    expect(removed.status, removed.stderr).toBe(0)
    expect(() => lstatSync(commandLink())).toThrow(/ENOENT/)
  })

  it('withdraws the app as the "keyward" alternative an earlier release registered', () => {
    expect(alternatives('--install', '/usr/bin/keyward', 'keyward', `${APP_FOLDER}/keyward`, '100').status).toBe(0)
    expect(afterRemove('purge').status).toBe(0)
    expect(() => lstatSync(commandLink())).toThrow(/ENOENT/)
    expect(alternatives('--query', 'keyward').status).not.toBe(0)
  })

  it("never removes another program's keyward", () => {
    writeFileSync(commandLink(), 'another keyward', { mode: 0o755 })
    expect(afterRemove().status).toBe(0)
    expect(readFileSync(commandLink(), 'utf8')).toBe('another keyward')
    rmSync(commandLink())
    symlinkSync('/usr/local/lib/other/keyward', commandLink())
    expect(afterRemove().status).toBe(0)
    expect(readlinkSync(commandLink())).toBe('/usr/local/lib/other/keyward')
  })
})
