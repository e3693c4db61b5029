// The contract (preload/contract.ts, with its schema groups in preload/contract/) is the one source of
// the types that cross the bridge: main imports them and never declares a type of the same name, which
// could drift from the wire's shape unnoticed (RotationFlow once had two different shapes under one
// name). A richer type of main's gets its own name.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'build' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })

const declaredNames = (text: string): string[] =>
  [...text.matchAll(/^export (?:declare )?(?:const|type|interface|enum|class) ([A-Za-z_$][\w$]*)/gm)].map(
    (match) => match[1]!,
  )

it('declares no type or schema in main under a name the contract already gives', () => {
  const contractFiles = [join(root, 'preload/contract.ts'), ...sourceFiles(join(root, 'preload/contract'))]
  const contractNames = new Set(contractFiles.flatMap((path) => declaredNames(readFileSync(path, 'utf8'))))
  expect(contractNames.size).toBeGreaterThan(50)
  const clashes = sourceFiles(join(root, 'main')).flatMap((path) =>
    declaredNames(readFileSync(path, 'utf8'))
      .filter((name) => contractNames.has(name))
      .map((name) => `${relative(root, path)}: ${name}`),
  )
  expect(clashes).toEqual([])
})
