// The native pack reader and the object store check on repositories whose packs lead into another
// repository through links: the reader opens no pack through a link and no pack folder outside the
// objects folder, and the store check names every such link (so the scan reads no object at all).
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { objectsLeadingOutside } from '../../main/scanner/objectStore'
import { PACK_CACHE_TOTAL_BYTES, PackedBlobs, packReaderAvailable } from '../../main/scanner/packedBlobs'
import { fakeKeys } from '../support/fakeKeys'
import { GitRepository } from '../support/gitRepository'

const someone = { name: 'Someone', email: 'someone@example.invalid' }

let elsewhere: GitRepository
let target: GitRepository
let secretBlob: string

beforeEach(() => {
  elsewhere = GitRepository.create('keyward-pack-elsewhere-')
  elsewhere.write('secret.env', `CLIPIA_API_KEY=${fakeKeys.clipiaLive()}\n`)
  elsewhere.commit('secret', someone, '2024-01-01T10:00:00Z', { all: true })
  elsewhere.git('repack', '-a', '-d', '-q')
  secretBlob = elsewhere.blobId('HEAD', 'secret.env')
  target = GitRepository.create('keyward-pack-target-')
})
afterEach(() => {
  elsewhere.dispose()
  target.dispose()
})

const packsOf = (repository: GitRepository): string => join(repository.root, '.git', 'objects', 'pack')

it.runIf(packReaderAvailable())('opens no pack folder that is a link elsewhere', () => {
  rmSync(packsOf(target), { recursive: true })
  symlinkSync(packsOf(elsewhere), packsOf(target))
  expect(PackedBlobs.open(join(target.root, '.git'), PACK_CACHE_TOTAL_BYTES)).toBeNull()
  expect(objectsLeadingOutside(join(target.root, '.git'))).toEqual([
    expect.stringMatching(/^objects\/pack is a link to /),
  ])
})

it.runIf(packReaderAvailable())('reads nothing from pack files that are links elsewhere', () => {
  mkdirSync(packsOf(target), { recursive: true })
  for (const name of readdirSync(packsOf(elsewhere)))
    symlinkSync(join(packsOf(elsewhere), name), join(packsOf(target), name))
  const reader = PackedBlobs.open(join(target.root, '.git'), PACK_CACHE_TOTAL_BYTES)!
  try {
    expect(reader.read(secretBlob, 1 << 20)).toBeNull()
  } finally {
    reader.close()
  }
  expect(objectsLeadingOutside(join(target.root, '.git')).length).toBeGreaterThanOrEqual(2)
  // The same packs read in place are readable: the refusal is the links'.
  const inPlace = PackedBlobs.open(join(elsewhere.root, '.git'), PACK_CACHE_TOTAL_BYTES)!
  try {
    expect(inPlace.read(secretBlob, 1 << 20)).toBeGreaterThan(0)
  } finally {
    inPlace.close()
  }
})

it('names loose objects and object folders that are links elsewhere', () => {
  const loose = GitRepository.create('keyward-loose-elsewhere-')
  try {
    loose.write('secret.env', `CLIPIA_API_KEY=${fakeKeys.clipiaLive()}\n`)
    loose.commit('secret', someone, '2024-01-01T10:00:00Z', { all: true })
    const blob = loose.blobId('HEAD', 'secret.env')
    mkdirSync(join(target.root, '.git', 'objects', blob.slice(0, 2)), { recursive: true })
    symlinkSync(loose.objectPath(blob), target.objectPath(blob))
    expect(objectsLeadingOutside(join(target.root, '.git'))).toEqual([
      `objects/${blob.slice(0, 2)}/${blob.slice(2)} is a link to ${loose.objectPath(blob)}`,
    ])
  } finally {
    loose.dispose()
  }
})
