// Building blocks the contract's schema groups share. The contract (preload/contract.ts) does not
// re-export them: they are not wire types of their own.
import { z } from 'zod'

export const utf8Length = (text: string): number => new TextEncoder().encode(text).length
export const boundedText = (label: string, maxChars: number) =>
  z.string().max(maxChars, { message: `${label} is longer than ${maxChars} characters` })

export const Label = z.string().trim().min(1).max(100)

export const Id = z.string().min(1).max(64)
