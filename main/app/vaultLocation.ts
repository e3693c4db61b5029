// Reads `--vault PATH` (or `--vault=PATH`) from the app's command line; main.ts passes it, with
// KEYWARD_VAULT and the platform default, to the vault service's resolveVaultPath.
export const vaultArgumentFrom = (argv: readonly string[]): string | undefined => {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]
    if (argument === '--') return undefined
    if (argument === '--vault') {
      const next = argv[index + 1]
      return next !== undefined && next !== '' && !next.startsWith('--') ? next : undefined
    }
    if (argument?.startsWith('--vault=')) {
      const value = argument.slice('--vault='.length)
      return value === '' ? undefined : value
    }
  }
  return undefined
}
