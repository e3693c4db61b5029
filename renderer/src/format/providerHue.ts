// A stable colour slot (0-7) per provider, so each provider's mark keeps its colour across sessions.
export const PROVIDER_HUE_COUNT = 8

export const providerHue = (provider: string | null): number | null => {
  if (!provider) return null
  let hash = 0
  for (const character of provider.toLowerCase()) hash = (hash * 31 + character.charCodeAt(0)) >>> 0
  return hash % PROVIDER_HUE_COUNT
}
