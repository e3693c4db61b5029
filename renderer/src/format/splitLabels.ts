// "read, write , read" → ["read", "write"]: comma-separated labels as a clean list.
export const splitLabels = (text: string): string[] => [
  ...new Set(
    text
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean),
  ),
]
