// Every trust boundary Keyward has, the attacks tried against each, and the test that holds each
// defence: the one list docs/security.md's threat model points to. boundaries.test.ts keeps it true
// (each test named here exists by that name in that file). A test listed here was seen to fail with its
// defence removed, once, when the defence was written; the commit that added it says how.

export const BOUNDARIES = {
  repository: 'A scanned repository (its files, links, git config and objects)',
  renderer: 'The renderer (assumed compromised: any bridge call, any argument)',
  textFiles: '.env files and templates',
  backups: 'Backups handed to restore',
  providers: 'Provider answers (and the network between)',
  vaultFiles: "The vault's own files on disk",
  children: 'Commands run with keys (keyward run)',
} as const

export type Boundary = keyof typeof BOUNDARIES

export interface Defence {
  boundary: Boundary
  attack: string
  defence: string
  /** Test file (from the repository's root) and the exact name of the test in it. */
  test: { file: string; name: string }
}

export const DEFENCES: readonly Defence[] = [
  // The renderer
  {
    boundary: 'renderer',
    attack: 'a call from a frame that is not the app window (a subframe, another origin)',
    defence: 'sender check before the argument is looked at',
    test: { file: 'test/unit/ipc/register.test.ts', name: 'refuses the sender before looking at the argument' },
  },
  {
    boundary: 'renderer',
    attack: 'garbage arguments to every method',
    defence: "each argument checked against the contract's schema; a refused call changes nothing",
    test: { file: 'test/integration/ipc/fuzz.test.ts', name: 'answers every method with a value or a clear error, and a refused call changes nothing' },
  },
  {
    boundary: 'renderer',
    attack: 'fishing for values in answers, logs and files',
    defence: 'lists carry masks; values stay in main',
    test: { file: 'test/integration/ipc/noSecretsAnywhere.test.ts', name: 'writes no planted value into an answer, a log line or a file it was not asked to export' },
  },
  {
    boundary: 'renderer',
    attack: 'pointing the scanner at a folder the user never chose',
    defence: "only folders chosen in main's folder dialog are scanned",
    test: { file: 'test/integration/ipc/scans.test.ts', name: 'scans only folders the user chose in the dialog, and says so' },
  },
  {
    boundary: 'renderer',
    attack: 'path traversal through the app:// protocol',
    defence: 'only regular files under the renderer folder are served',
    test: { file: 'test/unit/app/appProtocol.test.ts', name: 'maps app://keyward/ paths to files under the renderer folder' },
  },
  // Provider answers
  {
    boundary: 'providers',
    attack: 'a redirect to another host',
    defence: 'redirects are not followed; the key never reaches the other host',
    test: { file: 'test/integration/authtest/badInput.test.ts', name: 'is not followed: unknown, with the reason, and the key never reaches the other host' },
  },
  {
    boundary: 'providers',
    attack: 'a certificate the system does not trust',
    defence: 'TLS verified; the key is never sent',
    test: { file: 'test/integration/authtest/badInput.test.ts', name: 'a certificate not trusted (no extra CA): network_error, and the key is never sent' },
  },
  {
    boundary: 'providers',
    attack: 'a plain-HTTP base URL',
    defence: 'not tested; nothing sent',
    test: { file: 'test/integration/authtest/badInput.test.ts', name: 'a plain-HTTP base URL: not_testable, and the plain listener never hears from it' },
  },
  // The vault's files
  {
    boundary: 'vaultFiles',
    attack: 'a link planted at the vault, header, -wal or -shm path',
    defence: 'links refused before opening; their targets untouched',
    test: { file: 'test/integration/vault/replacedFiles.test.ts', name: 'refuses a write-ahead log or shared-memory file planted as a link, and leaves its target alone' },
  },
  {
    boundary: 'vaultFiles',
    attack: "another vault's database swapped in behind this header",
    defence: 'the vault key opens nothing; nothing written',
    test: { file: 'test/integration/vault/replacedFiles.test.ts', name: 'refuses another user’s database (other key, other password) behind this header, and writes nothing' },
  },
  {
    boundary: 'vaultFiles',
    attack: 'a header edited to a lower Argon2id cost, checksum recomputed',
    defence: 'the cost is bound to the wrapped key as associated data',
    test: { file: 'test/integration/vault/headerCost.test.ts', name: 'with its checksum recomputed too, still opens nothing: the cost is bound to the wrapped key (read as a wrong password)' },
  },
  {
    boundary: 'vaultFiles',
    attack: 'guessing the master password through Keyward',
    defence: 'exponential wait after three wrong passwords, kept across restarts',
    test: { file: 'test/integration/vault/unlockThrottle.test.ts', name: 'refuses at once while the wait runs, even the right password, without deriving a key or changing a file' },
  },
  // Backups
  {
    boundary: 'backups',
    attack: 'a backup whose database was damaged behind a checksum made to match',
    defence: 'quick_check and page authentication on a staged copy before anything is replaced',
    test: { file: 'test/integration/vault/backups.test.ts', name: 'has its database damaged behind a checksum made to match' },
  },
  {
    boundary: 'backups',
    attack: 'a backup holding a header edited to a lower cost',
    defence: 'refused; nothing replaced',
    test: { file: 'test/integration/vault/backups.test.ts', name: 'holds a header edited to a lower cost' },
  },
  {
    boundary: 'backups',
    attack: 'a backup that is a symbolic link',
    defence: 'refused, even to a good backup',
    test: { file: 'test/integration/vault/backups.test.ts', name: 'is a symbolic link, even to a good backup' },
  },
  // Text files
  {
    boundary: 'textFiles',
    attack: 'a template whose output path is a link',
    defence: 'never written through a link, even with --force',
    test: { file: 'test/integration/cli/inject.test.ts', name: 'never writes through a symbolic link, even with --force' },
  },
  // Repositories
  {
    boundary: 'repository',
    attack: 'a symlink loop in the tree',
    defence: 'not followed, named in the summary',
    test: { file: 'test/integration/scanner/badInput.test.ts', name: 'does not follow a symlink loop, and names it' },
  },
  // Children
  {
    boundary: 'children',
    attack: 'a command reading keys it was not given',
    defence: 'only the chosen keys go into its environment',
    test: { file: 'test/integration/cli/run.test.ts', name: 'gives the chosen keys to the command under their variables, and nothing else' },
  },
]
