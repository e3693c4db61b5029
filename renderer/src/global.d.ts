// The one object preload exposes: its type comes from the contract, so the renderer and main agree.
import type { KeywardApi } from '#contract'

declare global {
  interface Window {
    keyward: KeywardApi
  }
}

export {}
