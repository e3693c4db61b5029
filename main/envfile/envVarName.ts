// The variable a key is exported or injected as: its own env var name, else one made from its name.

/** NAME for a key with no env var set: its name in upper snake case ("Clipia prod" → CLIPIA_PROD). */
export const envVarFromName = (name: string): string => {
  const snake = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
  if (!snake) return 'KEY'
  return /^[A-Z_]/.test(snake) ? snake : `KEY_${snake}`
}

export const envVarFor = (key: { envVar: string | null; name: string }): string =>
  key.envVar ?? envVarFromName(key.name)
