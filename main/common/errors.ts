// Typed errors thrown inside main. Each carries a stable code from the contract and a message that
// tells a person what happened and what to do; handlers turn them into { ok: false, error }.
import type { ErrorCode } from '#contract'

export class KeywardError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'KeywardError'
    this.code = code
  }
}

export const isKeywardError = (error: unknown): error is KeywardError => error instanceof KeywardError
