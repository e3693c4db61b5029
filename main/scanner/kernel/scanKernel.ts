// Runs the WebAssembly scan kernel over one text at a time and hands back its events. The kernel
// finds the few places worth a look (long token runs, vault-bitmap blocks) at memory speed; the
// JavaScript around it only looks there. Loaded in scan workers; no imports but the binary.
import { scanKernelBase64 } from './kernelBinary'

const TOKEN_TABLE = 0
const VAULT_TABLE = 32
const ANCHOR_BITMAP = 1024
/** Bit h >> 6 is set for every vault block hash h: the kernel asks it before the 2 MiB bitmap. */
const VAULT_FILTER = 32768
const VAULT_BITMAP = 65536
const EVENTS = 0x220000
/** Where the kernel lists the offsets of the '://' in the text (up to 16,384 of them, before EVENTS). */
const SCHEMES = 0x210000
const PAGE = 65536
/** Zero bytes the kernel needs after the text (it reads whole 64-byte blocks, and 2 bytes on for '://'). */
const PADDING = 80

export const TOKEN_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
export const ANCHOR_KEY = 0x9e3779b1
/** Runs shorter than this are never reported (the kernel needs at least 16). */
export const MINIMUM_RUN = 16

export const EVENT_RUN = 1
export const EVENT_VAULT = 2

// The lib this project compiles with has no WebAssembly types; these are the few used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
interface WasmGlobal {
  value: number | bigint
}
const WebAssemblyApi = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object
      Instance: new (module: object, imports: object) => { exports: unknown }
    }
  }
).WebAssembly

interface KernelExports {
  memory: WasmMemory
  vaultKey: WasmGlobal
  anchorKey: WasmGlobal
  schemesEnd: WasmGlobal
  scan: (text: number, length: number, events: number, minimumRun: number, vault: number) => number
}

export interface KernelSetup {
  /** 4-byte prefixes of rule tokens: a run starting with one is reported even without a digit. */
  anchors: readonly string[]
  /** The characters vault values are made of (ASCII), or null with no vault values. */
  vaultCharacters: string | null
  /** 64-bit odd multiplier (hex) for the vault block hash. */
  vaultKeyHex: string
  /** Bitmap positions (24-bit block hashes) of the vault values' 8-byte grams. */
  vaultBlockHashes: readonly number[]
}

/**
 * A class of ASCII characters as two 16-byte tables, by low and by high nibble. The high one is the
 * same for every class: the kernel relies on it.
 */
const setCharacterTable = (memory: Uint8Array, at: number, characters: string): void => {
  memory.fill(0, at, at + 32)
  for (let high = 0; high < 8; high++) memory[at + 16 + high] = 1 << high
  for (const character of characters) {
    const code = character.charCodeAt(0)
    if (code < 128) memory[at + (code & 15)]! |= 1 << (code >> 4)
  }
}

export const anchorHash = (gram: number): number => Math.imul(gram, ANCHOR_KEY) >>> 16

export const blockHashOf = (bytes: Uint8Array, at: number, vaultKey: bigint): number => {
  let gram = 0n
  for (let index = 7; index >= 0; index--) gram = (gram << 8n) | BigInt(bytes[at + index]!)
  return Number(((gram * vaultKey) & 0xffffffffffffffffn) >> 40n)
}

export class ScanKernel {
  private readonly exports: KernelExports
  private bytes: Uint8Array
  private readonly vaultEnabled: boolean
  private textAt = EVENTS
  private capacity = 0

  constructor(setup: KernelSetup) {
    const module = new WebAssemblyApi.Module(Buffer.from(scanKernelBase64, 'base64'))
    this.exports = new WebAssemblyApi.Instance(module, {}).exports as unknown as KernelExports
    this.bytes = new Uint8Array(this.exports.memory.buffer)
    this.exports.anchorKey.value = ANCHOR_KEY | 0
    this.exports.vaultKey.value = BigInt.asIntN(64, BigInt(`0x${setup.vaultKeyHex}`))
    setCharacterTable(this.bytes, TOKEN_TABLE, TOKEN_CHARACTERS)
    setCharacterTable(this.bytes, VAULT_TABLE, setup.vaultCharacters ?? '')
    for (const anchor of setup.anchors) {
      if (anchor.length < 4) continue
      const gram = Buffer.from(anchor.slice(0, 4), 'latin1').readUInt32LE(0)
      const hash = anchorHash(gram)
      this.bytes[ANCHOR_BITMAP + (hash >>> 3)]! |= 1 << (hash & 7)
    }
    for (const hash of setup.vaultBlockHashes) {
      this.bytes[VAULT_BITMAP + (hash >>> 3)]! |= 1 << (hash & 7)
      this.bytes[VAULT_FILTER + (hash >>> 9)]! |= 1 << ((hash >>> 6) & 7)
    }
    this.vaultEnabled = setup.vaultCharacters !== null && setup.vaultBlockHashes.length > 0
    this.reserve(1 << 20)
  }

  /** Makes room for a text of `length` bytes and returns the view to fill (valid until the next reserve). */
  reserve(length: number): Buffer {
    if (length > this.capacity) {
      const events = Math.ceil(length / 5) + 64
      const textAt = (EVENTS + events * 8 + 15) & ~15
      const needed = textAt + length + PADDING
      const memory = this.exports.memory
      if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE))
      this.bytes = new Uint8Array(memory.buffer)
      this.textAt = textAt
      this.capacity = length
    }
    return Buffer.from(this.exports.memory.buffer, this.textAt, length)
  }

  /** Scans the first `length` bytes of the reserved text; returns the events as (offset, meta) pairs. */
  scan(length: number): Uint32Array {
    this.bytes.fill(0, this.textAt + length, this.textAt + length + PADDING)
    const count = this.exports.scan(this.textAt, length, EVENTS, MINIMUM_RUN, this.vaultEnabled ? 1 : 0)
    return new Uint32Array(this.exports.memory.buffer, EVENTS, count * 2)
  }

  /**
   * The offset of every '://' in the text just scanned, in order; null when there were more than the
   * kernel lists (then search the text for them).
   */
  schemeSeparators(): Uint32Array | null {
    const end = Number(this.exports.schemesEnd.value)
    if (end > EVENTS) return null
    return new Uint32Array(this.exports.memory.buffer, SCHEMES, (end - SCHEMES) / 4)
  }

  /** The text just scanned, as a Buffer over the kernel's memory (no copy). */
  text(length: number): Buffer {
    return Buffer.from(this.exports.memory.buffer, this.textAt, length)
  }
}
