// What an import preview shows of each .env entry, the same in the app and the CLI: the masked value,
// the provider and environment guessed from its prefix or variable, a key that already holds it, and
// whether it looks like a key at all (PORT=3000 does not).
import type { z } from 'zod'
import type { EnvImportEntry } from '#contract'
import { guessKey, type ProviderDefinition } from '../providers/index'
import { maskValue } from '../vault/index'
import type { EnvFileEntry } from './parseEnvFile'
import { looksLikeKey } from './looksLikeKey'

export type ImportPreviewEntry = z.infer<typeof EnvImportEntry>

export const previewImportEntries = (
  entries: readonly EnvFileEntry[],
  vault: { findByValue(value: string): { name: string } | undefined },
  providers?: readonly ProviderDefinition[],
): ImportPreviewEntry[] =>
  entries.map(({ line, variable, value }) => {
    const guess = guessKey(value, variable, providers)
    return {
      line,
      variable,
      maskedValue: maskValue(value),
      provider: guess.provider,
      environment: guess.environment,
      duplicateOf: vault.findByValue(value)?.name ?? null,
      looksLikeKey: looksLikeKey(variable, value),
    }
  })
