// Keyward's trust boundaries and the shape of a defence at one: what the list in ../boundaries.ts and
// its groups in this folder are made of.

export const BOUNDARIES = {
  repository: 'A scanned repository (its files, links, git config and objects)',
  renderer: 'The renderer (assumed compromised: any bridge call, any argument)',
  textFiles: '.env files and templates',
  backups: 'Backups handed to restore',
  providers: 'Provider answers (and the network between)',
  vaultFiles: "The vault's own files on disk",
  children: 'Commands run with keys (keyward run)',
  localUsers: "Other local users (the agent's socket, the command's files)",
  appCommands: "The user's own processes asking the open app (the app's socket)",
} as const

export type Boundary = keyof typeof BOUNDARIES

export interface Defence {
  boundary: Boundary
  attack: string
  defence: string
  /** Test file (from the repository's root) and the exact name of the test in it. */
  test: { file: string; name: string }
}
