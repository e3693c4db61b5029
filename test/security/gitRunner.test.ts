// Every git Keyward runs goes through main/scanner/safeGit.ts: no other module in main starts git
// itself (a second way in would run without the switches that keep a repository's config harmless).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const MAIN = fileURLToPath(new URL('../../main/', import.meta.url))
const RUNNER = 'scanner/safeGit.ts'

const sources = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(folder, entry.name))
      : /\.[cm]?tsx?$/.test(entry.name)
        ? [join(folder, entry.name)]
        : [],
  )

it('starts git in one module only', () => {
  const starting = sources(MAIN)
    .filter((path) =>
      /\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync|fork)\s*\(\s*['"`]git\b/.test(
        readFileSync(path, 'utf8'),
      ),
    )
    .map((path) => relative(MAIN, path))
  expect(starting).toEqual([RUNNER])
})
