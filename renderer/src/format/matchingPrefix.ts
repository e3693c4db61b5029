// The longest catalog prefix a value starts with ("sk_live_"), to name it when providers share it.
import type { ProviderSummary } from '#contract'

export const matchingPrefix = (value: string, providers: ProviderSummary[]): string | null => {
  let best: string | null = null
  for (const provider of providers) {
    for (const { prefix } of provider.prefixes) {
      if (value.startsWith(prefix) && prefix.length > (best?.length ?? 0)) best = prefix
    }
  }
  return best
}
