// The layer table in oxlint.config.mjs points one way, and lint holds it: a probe tree with an import
// up the layers, past a door, into Electron and out of the renderer is linted with the real config.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import lintConfig, { LAYERS } from '../../oxlint.config.mjs'
import { makeTempDirectory } from '../support/tempVault'

const root = resolve(import.meta.dirname, '../..')
const temp = makeTempDirectory('keyward-lint-')
afterAll(() => temp.cleanup())

const lintProbe = (files: Record<string, string>): { status: number | null; output: string } => {
  const probe = join(temp.directory, `probe-${Math.random().toString(36).slice(2)}`)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(probe, path)), { recursive: true })
    writeFileSync(join(probe, path), text)
  }
  copyFileSync(join(root, 'oxlint.config.mjs'), join(probe, 'oxlint.config.mjs'))
  const run = spawnSync(join(root, 'node_modules/.bin/oxlint'), ['-c', 'oxlint.config.mjs', '.'], {
    cwd: probe,
    encoding: 'utf8',
  })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

describe('the layer table', () => {
  it('points down: a room imports only rooms of its own layer or below', () => {
    const layerIndex = new Map(LAYERS.flatMap(({ rooms }, index) => Object.keys(rooms).map((room) => [room, index])))
    const upward = LAYERS.flatMap(({ rooms }, index) =>
      Object.entries(rooms).flatMap(([room, allowed]) =>
        allowed.filter((other) => (layerIndex.get(other) ?? Infinity) > index).map((other) => `${room} → ${other}`),
      ),
    )
    expect(upward).toEqual([])
  })

  it('names every room of main/ once', () => {
    const rooms = LAYERS.flatMap(({ rooms }) => Object.keys(rooms))
    expect(new Set(rooms).size).toBe(rooms.length)
    expect(lintConfig.overrides.filter((override) => override.files[0]?.startsWith('main/')).length).toBe(rooms.length)
  })
})

describe('lint with the layer table', () => {
  it('passes imports the table allows, through doors', () => {
    const result = lintProbe({
      'main/common/clock.ts': 'export const now = () => 1\n',
      'main/vault/index.ts': "import { now } from '../common/clock'\nexport const open = () => now()\n",
      'main/cli/commands/list.ts': "import { open } from '../../vault/index'\nexport const list = () => open()\n",
      'main/vault/contractUse.ts': "import { KeyRecord } from '#contract'\nexport type Row = KeyRecord\n",
      'renderer/src/contractUse.ts': "import { KeyRecord } from '#contract'\nexport type Row = KeyRecord\n",
    })
    expect(result.output).not.toContain('Layers:')
    expect(result.status).toBe(0)
  })

  it.each([
    [
      'an import up the layers',
      'main/vault/probe.ts',
      "import { x } from '../ipc/index'",
      'Layers: vault (engines) may import common, providers, authtest and the contract only; ipc is in a higher layer (front doors).',
    ],
    [
      'an import the table does not list',
      'main/scanner/probe.ts',
      "import { x } from '../vault/index'",
      'vault is not in its entry of the table',
    ],
    [
      'a file behind a door',
      'main/cli/commands/probe.ts',
      "import { x } from '../../vault/keyStore'",
      'Layers: cli reaches vault through its door, ../vault/index, never a file behind it.',
    ],
    [
      'Electron outside the app',
      'main/scanner/probe.ts',
      "import { x } from 'electron'",
      'Layers: scanner runs without Electron; only main/app may import it.',
    ],
    [
      'main from the renderer',
      'renderer/src/probe.ts',
      "import { x } from '../../main/vault/index'",
      "Layers: the renderer imports nothing from main/ or preload/ but the contract, as '#contract'.",
    ],
    [
      'the preload from the renderer',
      'renderer/src/probe.ts',
      "import { x } from '../../preload/bridge'",
      "Layers: the renderer imports nothing from main/ or preload/ but the contract, as '#contract'.",
    ],
    [
      'the contract by a path from the renderer',
      'renderer/src/components/probe.ts',
      "import { x } from '../../../preload/contract'",
      "as '#contract'",
    ],
    [
      'another of package.json’s imports from the renderer',
      'renderer/src/probe.ts',
      "import { x } from '#contract/contractWords'",
      "Layers: the renderer imports only the contract ('#contract') from outside renderer/.",
    ],
    [
      'the contract by a path from main',
      'main/vault/probe.ts',
      "import { x } from '../../preload/contract'",
      "Layers: vault imports the contract as '#contract' (package.json's imports), never by a path into preload/.",
    ],
  ])('fails %s, in the table’s words', (_case, file, source, message) => {
    const result = lintProbe({ [file]: `${source}\nexport const y = x\n` })
    expect(result.status).not.toBe(0)
    expect(result.output).toContain(message)
  })
})
