// The Windows installer's PATH entry (packaging/windows/installer.nsh) cannot be built or run here
// (no NSIS, no Windows): these checks hold it to electron-builder.yml and to electron-builder's own
// templates, and check its jumps statically, so a renamed folder, macro or label fails here.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const repositoryRoot = join(__dirname, '..', '..', '..')
const config = parse(readFileSync(join(repositoryRoot, 'electron-builder.yml'), 'utf8')) as {
  extraResources: { from: string; to: string; filter: string[] }[]
  nsis: { include: string; perMachine: boolean }
}
const script = readFileSync(join(repositoryRoot, config.nsis.include), 'utf8')
const templates = join(repositoryRoot, 'node_modules/app-builder-lib/templates/nsis')

/** Each macro's lines (comments dropped), by name. */
const macros = new Map<string, string[]>()
for (const [, name, body] of script.matchAll(/^!macro (\w+)\n([\s\S]*?)^!macroend$/gm))
  macros.set(
    name!,
    body!.split('\n').map((line) => line.replace(/;.*$/, '').trim()),
  )

/** A macro's lines with the macros it inserts written out, as NSIS compiles them into one section. */
const expanded = (name: string): string[] =>
  macros.get(name)!.flatMap((line) => {
    const inserted = /^!insertmacro (\w+)$/.exec(line)?.[1]
    return inserted && macros.has(inserted) ? expanded(inserted) : [line]
  })

const jumpTargets = (line: string): string[] => {
  const words = line.split(/\s+/)
  const targets: Record<string, number[]> = { Goto: [1], IfErrors: [1, 2], StrCmp: [3, 4], IntCmp: [3, 4, 5] }
  return (targets[words[0]!] ?? [])
    .map((index) => words[index])
    .filter((word): word is string => !!word && word !== '0')
}

describe('the Windows installer script', () => {
  it('is the nsis.include of electron-builder.yml', () => {
    expect(config.nsis.include).toBe('packaging/windows/installer.nsh')
    expect(existsSync(join(repositoryRoot, config.nsis.include))).toBe(true)
  })

  it('puts on PATH the folder electron-builder.yml gives the command (resources\\cli, with keyward.exe)', () => {
    const cli = config.extraResources.find((resource) => resource.from === 'dist-cli')!
    expect(cli.filter).toContain('keyward.exe')
    expect(script).toContain(`!define KEYWARD_CLI_FOLDER "$INSTDIR\\resources\\${cli.to}"`)
  })

  it("defines the macros electron-builder's installer and uninstaller insert", () => {
    expect(readFileSync(join(templates, 'installSection.nsh'), 'utf8')).toContain('!insertmacro customInstall\n')
    expect(readFileSync(join(templates, 'uninstaller.nsh'), 'utf8')).toContain('!insertmacro customUnInstall\n')
    expect([...macros.keys()]).toEqual(expect.arrayContaining(['customInstall', 'customUnInstall']))
  })

  it("changes the user's PATH (per-user install), adding and removing the same entry", () => {
    expect(config.nsis.perMachine).toBe(false)
    for (const name of ['customInstall', 'customUnInstall']) {
      const lines = expanded(name)
      expect(lines).toContain('ReadRegStr $R0 HKCU "Environment" "Path"')
      expect(lines).toContain('StrCpy $R1 "${KEYWARD_CLI_FOLDER}"')
      expect(lines.some((line) => line.startsWith('WriteRegExpandStr HKCU "Environment" "Path" '))).toBe(true)
      // A PATH it could not read whole is never written back.
      expect(lines.indexOf('ClearErrors')).toBeLessThan(lines.findIndex((line) => line.startsWith('ReadRegStr')))
      expect(lines.some((line) => line.startsWith('IfErrors '))).toBe(true)
      expect(lines.some((line) => line.startsWith('IntCmp $R8 ${KEYWARD_PATH_LIMIT} '))).toBe(true)
    }
    expect(expanded('customUnInstall')).toContain('WriteRegExpandStr HKCU "Environment" "Path" $R2')
  })

  it('jumps only to labels defined where it jumps from, and defines each label once', () => {
    for (const name of ['customInstall', 'customUnInstall']) {
      const lines = expanded(name)
      const labels = lines.filter((line) => /^\w+:$/.test(line)).map((line) => line.slice(0, -1))
      expect(new Set(labels).size, name).toBe(labels.length)
      for (const target of lines.flatMap(jumpTargets)) expect(labels, `${name} jumps to ${target}`).toContain(target)
    }
  })
})
