// The native pack reader on real packs git wrote: every blob byte for byte as git gives it, through
// offset deltas and reference deltas; loose objects and damaged entries left to cat-file; a scan the
// same with it as without it.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScan } from '../../../main/scanner/index'
import { PACK_CACHE_TOTAL_BYTES, PackedBlobs, packReaderAvailable } from '../../../main/scanner/packedBlobs'
import { GitRepository } from '../../support/gitRepository'
import { fakeKeys } from '../../support/fakeKeys'

const someone = { name: 'Someone', email: 'someone@example.invalid' }
const OBJ_OFS_DELTA = 6
const OBJ_REF_DELTA = 7

let repository: GitRepository
let key: string

const openPacks = (target: GitRepository): PackedBlobs =>
  PackedBlobs.open(join(target.root, '.git'), PACK_CACHE_TOTAL_BYTES / 2)!

/** What `run` does, and every git command it ran (through a git on the PATH that notes its arguments). */
const withGitCalls = async <T>(run: () => Promise<T>): Promise<[T, string[]]> => {
  const folder = mkdtempSync(join(tmpdir(), 'keyward-git-calls-'))
  const log = join(folder, 'calls.log')
  const realGit = execFileSync('which', ['git'], { encoding: 'utf8' }).trim()
  writeFileSync(join(folder, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 })
  const path = process.env.PATH
  process.env.PATH = `${folder}:${path}`
  try {
    const result = await run()
    return [result, existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []]
  } finally {
    process.env.PATH = path
    rmSync(folder, { recursive: true, force: true })
  }
}

/** A history whose files change a little each commit, so that git stores most versions as deltas. */
const buildHistory = (target: GitRepository) => {
  const lines = Array.from({ length: 400 }, (_, index) => `line ${index}: ${'lorem ipsum '.repeat(index % 7)}`)
  for (let version = 0; version < 30; version++) {
    lines[(version * 37) % lines.length] = `changed in version ${version}`
    lines.splice((version * 11) % lines.length, 0, `inserted in version ${version}`)
    target
      .write('src/app.js', `${lines.join('\n')}\n`)
      .write('src/reversed.js', `${[...lines].reverse().join('\n')}\n`)
      .write('notes.md', `# Notes\n${lines.slice(0, version * 5).join('\n')}\n`)
    if (version === 12) target.write('config/.env', `CLIPIA_API_KEY=${key}\n`)
    if (version === 13) target.remove('config/.env')
    target.commit(`version ${version}`, someone, `2024-01-${String(version + 1).padStart(2, '0')}T00:00:00+00:00`, {
      all: true,
    })
  }
  target.write('empty.txt', '').write('binary.dat', Buffer.from([0, 1, 2, 3, 0, 255]))
  target.commit('odd files', someone, '2024-02-01T00:00:00+00:00', { all: true })
}

/** Every blob reachable from any ref. */
const blobIds = (target: GitRepository): string[] =>
  target
    .git('rev-list', '--objects', '--all', '--filter=object:type=blob', '--filter-provided-objects')
    .trim()
    .split('\n')
    .map((line) => line.slice(0, 40))

const packFiles = (target: GitRepository): string[] => {
  const folder = join(target.root, '.git', 'objects', 'pack')
  return readdirSync(folder)
    .filter((name) => name.endsWith('.pack'))
    .map((name) => join(folder, name))
}

/** How many entries of each pack type the repository's packs hold (read from the pack's own bytes). */
const entryTypes = (target: GitRepository): Map<number, number> => {
  const types = new Map<number, number>()
  for (const pack of packFiles(target)) {
    const bytes = readFileSync(pack)
    const listing = target.git('verify-pack', '-v', pack.replace(/\.pack$/, '.idx'))
    for (const line of listing.split('\n')) {
      const fields = line.split(/\s+/)
      if (!/^[0-9a-f]{40}$/.test(fields[0] ?? '') || fields.length < 5) continue
      const type = (bytes[Number(fields[4])]! >> 4) & 7
      types.set(type, (types.get(type) ?? 0) + 1)
    }
  }
  return types
}

/** Reads every blob with the native reader and with cat-file; the ids whose bytes differ or are missing. */
const compareWithGit = (target: GitRepository): { checked: number; different: string[]; notRead: string[] } => {
  const packs = openPacks(target)
  const different: string[] = []
  const notRead: string[] = []
  const ids = blobIds(target)
  for (const oid of ids) {
    const size = packs.read(oid, 1 << 30)
    if (size === null) {
      notRead.push(oid)
      continue
    }
    const bytes = new Uint8Array(size)
    packs.copyTo(bytes)
    const expected = execFileSync('git', ['cat-file', 'blob', oid], { cwd: target.root })
    if (!expected.equals(bytes)) different.push(oid)
  }
  packs.close()
  return { checked: ids.length, different, notRead }
}

beforeAll(() => {
  key = fakeKeys.clipiaLive()
  repository = GitRepository.create()
  buildHistory(repository)
  repository.git('repack', '-a', '-d', '-f', '-q')
})
afterAll(() => repository.dispose())

describe('the pack reader', () => {
  it('is built here (npm install builds it; npm run build:native says why when it cannot)', () => {
    expect(packReaderAvailable()).toBe(true)
  })

  it('reads every blob of packs with offset deltas exactly as git does', () => {
    const types = entryTypes(repository)
    expect(types.get(OBJ_OFS_DELTA) ?? 0).toBeGreaterThan(50)
    const compared = compareWithGit(repository)
    expect(compared.checked).toBeGreaterThan(90)
    expect(compared.notRead).toEqual([])
    expect(compared.different).toEqual([])
  })

  it('reads every blob of packs with reference deltas exactly as git does', () => {
    const other = GitRepository.create()
    try {
      buildHistory(other)
      other.git('-c', 'repack.useDeltaBaseOffset=false', 'repack', '-a', '-d', '-f', '-q')
      const types = entryTypes(other)
      expect(types.get(OBJ_REF_DELTA) ?? 0).toBeGreaterThan(50)
      expect(types.get(OBJ_OFS_DELTA) ?? 0).toBe(0)
      const compared = compareWithGit(other)
      expect(compared.notRead).toEqual([])
      expect(compared.different).toEqual([])
    } finally {
      other.dispose()
    }
  })

  it('gives the size of a blob over the limit without building it', () => {
    const packs = openPacks(repository)
    const oid = repository.blobId('HEAD', 'src/app.js')
    const size = Number(repository.git('cat-file', '-s', oid).trim())
    const target = new Uint8Array(size).fill(0xff)
    expect(packs.read(oid, 100)).toBe(size)
    packs.copyTo(target)
    expect(target.every((byte) => byte === 0xff)).toBe(true)
    expect(packs.read(oid, size)).toBe(size)
    packs.copyTo(target)
    expect(Buffer.from(target).equals(execFileSync('git', ['cat-file', 'blob', oid], { cwd: repository.root }))).toBe(
      true,
    )
    packs.close()
  })

  it('leaves loose objects, unknown ids and a repository without packs to cat-file', () => {
    const loose = GitRepository.create()
    try {
      loose.write('a.txt', 'loose\n').commit('one', someone, '2024-03-01T00:00:00+00:00', { all: true })
      const packs = openPacks(loose)
      expect(packs.read(loose.blobId('HEAD', 'a.txt'), 1 << 20)).toBeNull()
      expect(packs.read('0'.repeat(40), 1 << 20)).toBeNull()
      expect(packs.read('not an id', 1 << 20)).toBeNull()
      packs.close()
    } finally {
      loose.dispose()
    }
  })

  it('scans a packed history to the same findings and counts with it as without it', async () => {
    const options = {
      root: repository.root,
      scopes: { tree: false, index: false, history: true },
      fingerprintKey: randomBytes(32),
    }
    const [withReader, readerCalls] = await withGitCalls(() => startScan(options))
    const [withGit, gitCalls] = await withGitCalls(() => startScan({ ...options, readPacks: false }))
    // The scan used the reader: no cat-file handed it a blob (the listing's --batch-check is not one).
    expect(readerCalls.filter((call) => call.endsWith(' cat-file --batch'))).toEqual([])
    expect(gitCalls.filter((call) => call.endsWith(' cat-file --batch')).length).toBeGreaterThan(0)
    expect(withReader.findings.map((finding) => [finding.location.path, finding.location.commit])).toEqual([
      ['config/.env', repository.git('log', '--format=%H', '-1', '--grep=version 12$').trim()],
    ])
    expect(withReader.findings).toEqual(withGit.findings)
    expect(withReader.stats.blobs).toBe(withGit.stats.blobs)
    expect(withReader.stats.bytes).toBe(withGit.stats.bytes)
    expect(withReader.skipped).toEqual(withGit.skipped)
    expect(withReader.problems).toEqual([])
  })

  it('leaves a damaged entry to cat-file, which names it, and scans the rest', async () => {
    const damaged = GitRepository.create()
    try {
      buildHistory(damaged)
      damaged.git('repack', '-a', '-d', '-f', '-q', '--depth=1')
      const oid = damaged.blobId('HEAD', 'src/app.js')
      const [pack] = packFiles(damaged)
      const entry = damaged
        .git('verify-pack', '-v', pack!.replace(/\.pack$/, '.idx'))
        .split('\n')
        .find((line) => line.startsWith(oid))!
        .split(/\s+/)
      const [offset, stored] = [Number(entry[4]), Number(entry[3])]
      const bytes = readFileSync(pack!)
      // Past the entry's header, into its compressed data.
      for (let at = offset + 8; at < offset + stored - 4; at += 3) bytes[at] = bytes[at]! ^ 0x5a
      chmodSync(pack!, 0o644)
      writeFileSync(pack!, bytes)
      const packs = openPacks(damaged)
      expect(packs.read(oid, 1 << 20)).toBeNull()
      packs.close()
      const report = await startScan({ root: damaged.root, scopes: { tree: false, index: false, history: true } })
      expect(report.findings.map((finding) => finding.location.path)).toEqual(['config/.env'])
      expect(report.problems, JSON.stringify(report.problems)).toContainEqual(
        expect.objectContaining({ code: 'corrupt_object', subject: expect.stringContaining(oid) }),
      )
    } finally {
      damaged.dispose()
    }
  })
})
