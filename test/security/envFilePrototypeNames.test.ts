// A .env file is hostile input: a line named __proto__, constructor or prototype is a variable like
// any other (no crash, no value swapped for an object's innards), previewed and imported as such, in
// the app (through the bridge) and the CLI, then given to a command by `keyward run`.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { KeyRecord } from '#contract'
import { runCli } from '../../main/cli/program'
import { buildEnvExport, parseEnvFile } from '../../main/envfile/index'
import { fakeKeys } from '../support/fakeKeys'
import { useIpcWorld, MASTER_PASSWORD as PASSWORD } from '../support/ipcWorld'
import { TEST_KDF_COST, makeTempDirectory, tempVaultPath } from '../support/tempVault'
import { fakeIo } from '../unit/cli/fakeCliIo'

const CHILD = fileURLToPath(new URL('../fixtures/run/child.mjs', import.meta.url))
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype'] as const

let temp: ReturnType<typeof makeTempDirectory>
let vaultPath: string
let envPath: string
let values: Record<(typeof PROTOTYPE_NAMES)[number], string>

beforeEach(() => {
  temp = makeTempDirectory()
  vaultPath = tempVaultPath(temp.directory)
  envPath = join(temp.directory, '.env')
  values = {
    __proto__: null,
    constructor: fakeKeys.clipiaLive(),
    prototype: fakeKeys.airclouTest(),
  } as unknown as typeof values
  Object.defineProperty(values, '__proto__', { value: fakeKeys.clipiaTest(), enumerable: true })
  writeFileSync(
    envPath,
    [
      `__proto__=${values.__proto__}`,
      `export constructor="${values.constructor}"`,
      `prototype='${values.prototype}'`,
      'toString=3000',
      '',
    ].join('\n'),
  )
})
afterEach(() => temp.cleanup())

describe('parseEnvFile', () => {
  it('reads each line named after an object property as that variable, with its own value', () => {
    const parsed = parseEnvFile(
      `${PROTOTYPE_NAMES.map((name) => `${name}=${values[name]}`).join('\n')}\ntoString=3000\n`,
    )
    expect(parsed.problems).toEqual([])
    expect(parsed.entries).toEqual([
      ...PROTOTYPE_NAMES.map((name, index) => ({ line: index + 1, variable: name, value: values[name] })),
      { line: 4, variable: 'toString', value: '3000' },
    ])
  })

  it('reports an empty or unreadable line of those names as a problem, not as a value', () => {
    const parsed = parseEnvFile('constructor=\n__proto__=\nprototype=""\n')
    expect(parsed.entries).toEqual([])
    expect(parsed.problems.map((problem) => problem.message)).toEqual([
      'constructor has no value; nothing to import',
      '__proto__ has no value; nothing to import',
      'prototype has no value; nothing to import',
    ])
  })
})

describe('an export', () => {
  it('writes them as lines that read back as the same variables, and counts clashes by name', () => {
    const rows = [
      ...PROTOTYPE_NAMES.map((name) => ({ record: { name: `${name} key`, envVar: name }, value: values[name] })),
      { record: { name: 'second __proto__', envVar: '__proto__' }, value: 'another value' },
    ]
    const exported = buildEnvExport(rows, 'test', new Date(Date.UTC(2026, 0, 1)))
    expect(exported.clashes).toEqual([['__proto__', ['__proto__ key', 'second __proto__']]])
    const readBack = parseEnvFile(exported.text)
    expect(readBack.entries.map((entry) => [entry.variable, entry.value])).toEqual([
      ['constructor', values.constructor],
      ['prototype', values.prototype],
      ['__proto__', 'another value'],
    ])
  })
})

describe('the import preview and import through the bridge', () => {
  const world = useIpcWorld()
  const { call } = world
  beforeEach(() => world.dialogs.answerNext(envPath))

  it('previews and imports them like any other variable', async () => {
    await call('createVault', { password: PASSWORD })
    const preview = await call('previewEnvImport')
    if (preview.canceled) throw new Error('canceled')
    expect(preview.problems).toEqual([])
    expect(preview.entries.map((entry) => [entry.line, entry.variable, entry.looksLikeKey])).toEqual([
      [1, '__proto__', true],
      [2, 'constructor', true],
      [3, 'prototype', true],
      [4, 'toString', false],
    ])
    for (const name of PROTOTYPE_NAMES) expect(JSON.stringify(preview)).not.toContain(values[name])
    await call('importEnv', {
      importId: preview.importId,
      entries: PROTOTYPE_NAMES.map((name, index) => ({ line: index + 1, name, provider: null, environment: 'test' })),
    })
    const keys = (await call('listKeys', {})).keys
    for (const name of PROTOTYPE_NAMES) {
      const key = keys.find((candidate) => candidate.name === name)!
      expect((await call('revealKey', { id: key.id })).value).toBe(values[name])
    }
  })
})

describe('the CLI', () => {
  const keyward = async (argv: string[]) => {
    const io = fakeIo({
      cwd: temp.directory,
      env: { PATH: process.env.PATH, KEYWARD_VAULT: vaultPath },
      stdin: `${PASSWORD}\n`,
    })
    const exitCode = await runCli(['--password-stdin', ...argv], io, { kdfCost: TEST_KDF_COST })
    return { exitCode, out: io.out(), err: io.err() }
  }

  it('imports them, and keyward run gives each to a command under its own name', async () => {
    expect((await keyward(['init'])).exitCode).toBe(0)
    const imported = await keyward(['import', '.env', '--yes', '--json', '--env', 'test'])
    expect(imported.err).toBe('')
    expect(imported.exitCode).toBe(0)
    const report = JSON.parse(imported.out) as { imported: KeyRecord[] }
    expect(report.imported.map((key) => [key.name, key.envVar])).toEqual(PROTOTYPE_NAMES.map((name) => [name, name]))
    for (const name of PROTOTYPE_NAMES) expect(imported.out).not.toContain(values[name])

    const ran = await keyward(['run', '--env', 'test', '--', process.execPath, CHILD, 'env-hash', ...PROTOTYPE_NAMES])
    expect(ran.err).toBe('')
    const { createHash } = await import('node:crypto')
    expect(ran.out).toBe(
      PROTOTYPE_NAMES.map((name) => `${name}=${createHash('sha256').update(values[name]).digest('hex')}\n`).join(''),
    )
  })
})
