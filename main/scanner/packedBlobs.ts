// Blobs read straight from a repository's pack files by the native reader (native/packReader.c), in
// the scan worker, instead of through `git cat-file`. Where the reader was not built (no compiler when
// installing) or a repository keeps its objects elsewhere, this gives null and cat-file does the work.
// Written for Node's type stripping (no enums, type-only imports), so it runs from source in workers.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { NATIVE_PARTS, loadNativePart, singleExecutableFolder } from '../common/singleExecutable'
import { packDirectoryInside } from './objectStore'

interface NativePackReader {
  open(packDirectory: string, cacheBytes: number): object
  read(reader: object, oid: string, maxBytes: number): number
  copyTo(reader: object, target: Uint8Array): number
  close(reader: object): void
}

/**
 * Decoded objects the workers of a scan keep for the deltas after them, shared out among them (each
 * sees its share of the files). On eslint's history over two workers, a worker's cache of 16 MiB took
 * 1.8 CPU s in all, 24 MiB 1.6, 32 MiB 1.6, 48 MiB 1.5; each MiB costs about 1.6 of RSS. 32 MiB in
 * all (16 a worker) since the commit walk that names the blobs holds more of the main thread's heap
 * than the listing it replaced: with 48 MiB a scan of eslint's history peaked at 303-332 MB even with
 * the walk's adds kept small (historyScan.ts), with 32 MiB at 277-289 MB, the scan's CPU and time
 * within the noise of back-to-back runs (docs/benchmarks.md).
 */
export const PACK_CACHE_TOTAL_BYTES = 32 * 1024 * 1024
const ADDON = 'keyward_pack.node'
/** From source (main/scanner) and from the bundle (out/main, in the app too): the same built file. */
const CANDIDATES = ['./native/build/Release/', '../../main/scanner/native/build/Release/']

let loaded: NativePackReader | null | undefined

/** The native reader, or null where it was not built or does not load. */
const nativeReader = (): NativePackReader | null => {
  if (loaded !== undefined) return loaded
  loaded = null
  if (singleExecutableFolder() !== null) {
    // The single executable checked its parts when it started: this load is the same file.
    try {
      loaded = loadNativePart<NativePackReader>(NATIVE_PARTS.packReader)
    } catch {
      // Refused or not loadable: cat-file reads instead, as from source.
    }
    return loaded
  }
  const require = createRequire(import.meta.url)
  for (const folder of CANDIDATES) {
    const path = fileURLToPath(new URL(folder + ADDON, import.meta.url))
    if (!existsSync(path)) continue
    try {
      loaded = require(path) as NativePackReader
      break
    } catch {
      // Built for another platform or Node: cat-file reads instead.
    }
  }
  return loaded
}

/** Whether blobs can be read from packs here (the native reader is built and loads). */
export const packReaderAvailable = (): boolean => nativeReader() !== null

/** One reader over a repository's packs; every answer is a size, or null to ask cat-file instead. */
export class PackedBlobs {
  private readonly native: NativePackReader
  private readonly reader: object

  private constructor(native: NativePackReader, reader: object) {
    this.native = native
    this.reader = reader
  }

  /**
   * A reader over `gitDirectory`'s packs, or null when there is no native reader or its pack folder
   * leads outside its objects folder. The reader opens no pack or index through a link (O_NOFOLLOW).
   */
  static open(gitDirectory: string, cacheBytes: number): PackedBlobs | null {
    const native = nativeReader()
    const packDirectory = native ? packDirectoryInside(gitDirectory) : null
    if (!native || !packDirectory) return null
    return new PackedBlobs(native, native.open(packDirectory, cacheBytes))
  }

  /** The blob's size, its bytes held for `copyTo` when at most `maxBytes`; null when cat-file must read it. */
  read(oid: string, maxBytes: number): number | null {
    const size = this.native.read(this.reader, oid, maxBytes)
    return size < 0 ? null : size
  }

  /** Copies the blob read last into `target` (its size long). */
  copyTo(target: Uint8Array): void {
    this.native.copyTo(this.reader, target)
  }

  close(): void {
    this.native.close(this.reader)
  }
}
