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
    test: {
      file: 'test/integration/ipc/fuzz.test.ts',
      name: 'answers every method with a value or a clear error, and a refused call changes nothing',
    },
  },
  {
    boundary: 'renderer',
    attack: 'fishing for values in answers, logs and files',
    defence: 'lists carry masks; values stay in main',
    test: {
      file: 'test/integration/ipc/noSecretsAnywhere.test.ts',
      name: 'writes no planted value into an answer, a log line or a file it was not asked to export',
    },
  },
  {
    boundary: 'renderer',
    attack: 'pointing the scanner at a folder the user never chose',
    defence: "only folders chosen in main's folder dialog are scanned",
    test: {
      file: 'test/integration/ipc/scans.test.ts',
      name: 'scans only folders the user chose in the dialog, and says so',
    },
  },
  {
    boundary: 'renderer',
    attack: 'path traversal through the app:// protocol',
    defence: 'only regular files under the renderer folder are served',
    test: {
      file: 'test/unit/app/appProtocol.test.ts',
      name: 'maps app://keyward/ paths to files under the renderer folder',
    },
  },
  // Provider answers
  {
    boundary: 'providers',
    attack: 'a redirect to another host',
    defence: 'redirects are not followed; the key never reaches the other host',
    test: {
      file: 'test/integration/authtest/badInput.test.ts',
      name: 'is not followed: unknown, with the reason, and the key never reaches the other host',
    },
  },
  {
    boundary: 'providers',
    attack: 'a certificate the system does not trust',
    defence: 'TLS verified; the key is never sent',
    test: {
      file: 'test/integration/authtest/badInput.test.ts',
      name: 'a certificate not trusted (no extra CA): network_error, and the key is never sent',
    },
  },
  {
    boundary: 'providers',
    attack: 'a plain-HTTP base URL',
    defence: 'not tested; nothing sent',
    test: {
      file: 'test/integration/authtest/badInput.test.ts',
      name: 'a plain-HTTP base URL: not_testable, and the plain listener never hears from it',
    },
  },
  // The vault's files
  {
    boundary: 'vaultFiles',
    attack: 'a link planted at the vault, header, -wal or -shm path',
    defence: 'links refused before opening; their targets untouched',
    test: {
      file: 'test/integration/vault/replacedFiles.test.ts',
      name: 'refuses a write-ahead log or shared-memory file planted as a link, and leaves its target alone',
    },
  },
  {
    boundary: 'vaultFiles',
    attack: "another vault's database swapped in behind this header",
    defence: 'the vault key opens nothing; nothing written',
    test: {
      file: 'test/integration/vault/replacedFiles.test.ts',
      name: 'refuses another user’s database (other key, other password) behind this header, and writes nothing',
    },
  },
  {
    boundary: 'vaultFiles',
    attack: 'a header edited to a lower Argon2id cost, checksum recomputed',
    defence: 'the cost is bound to the wrapped key as associated data',
    test: {
      file: 'test/integration/vault/headerCost.test.ts',
      name: 'with its checksum recomputed too, still opens nothing: the lowered cost derives another key, which the wrapped key refuses (read as a wrong password)',
    },
  },
  {
    boundary: 'vaultFiles',
    attack: 'guessing the master password through Keyward',
    defence: 'exponential wait after three wrong passwords, kept across restarts',
    test: {
      file: 'test/integration/vault/unlockThrottle.test.ts',
      name: 'refuses at once while the wait runs, even the right password, without deriving a key or changing a file',
    },
  },
  // Backups
  {
    boundary: 'backups',
    attack: 'a backup whose database was damaged behind a checksum made to match',
    defence: 'quick_check and page authentication on a staged copy before anything is replaced',
    test: {
      file: 'test/integration/vault/backups.test.ts',
      name: 'has its database damaged behind a checksum made to match',
    },
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
    test: {
      file: 'test/integration/cli/inject.test.ts',
      name: 'never writes through a symbolic link, even with --force',
    },
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
    test: {
      file: 'test/integration/cli/run.test.ts',
      name: 'gives the chosen keys to the command under their variables, and nothing else',
    },
  },
  // Added with the trust-boundary work: the attacks an outsider tried
  {
    boundary: 'renderer',
    attack:
      "pointing a provider, a custom provider, a CA, a key's provider or a verify URL at its own server, then Test all",
    defence: "a change that widens where a key is sent waits for main's own dialog; declined, nothing changes",
    test: {
      file: 'test/security/compromisedRenderer.test.ts',
      name: 'answers not_confirmed in words, naming the host, and leaves the vault as it was',
    },
  },
  {
    boundary: 'renderer',
    attack: 'a flood of wider changes while main is asking',
    defence: 'one question at a time; the second is refused and changes nothing',
    test: {
      file: 'test/security/compromisedRenderer.test.ts',
      name: 'asks one question at a time: a second wider change while main asks is refused, and changes nothing',
    },
  },
  {
    boundary: 'renderer',
    attack: "answering main's confirmation itself",
    defence: "no bridge method answers it; the harness's answer needs a token only the test runner holds",
    test: {
      file: 'test/security/compromisedRenderer.test.ts',
      name: 'has no bridge method that answers main’s confirmation',
    },
  },
  {
    boundary: 'renderer',
    attack: 'revealing or copying every value (600 reveals in seconds)',
    defence: '5 values a minute or 20 in 10 minutes, then the master password again',
    test: {
      file: 'test/security/compromisedRenderer.test.ts',
      name: 'stops 600 reveals after the allowance, and only the master password renews it',
    },
  },
  {
    boundary: 'renderer',
    attack: 'guessing the current password through change-password',
    defence: 'counted with unlock: three free, then an exponential wait',
    test: {
      file: 'test/security/changePasswordThrottle.test.ts',
      name: 'are counted: three are free, then each try waits, even with the right one, and nothing changes',
    },
  },
  {
    boundary: 'repository',
    attack: 'core.fsmonitor, gpg.program, includes, GIT_* variables, replace refs and grafts in a scanned repository',
    defence: 'every git runs with switches that win over its config, in a clean environment',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'runs nothing it names, reads nothing outside, and finds what replace refs and grafts hide',
    },
  },
  {
    boundary: 'repository',
    attack: 'the same, through the pre-commit hook (--staged-only)',
    defence: 'the same runner',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'with --staged-only, as the pre-commit hook runs it',
    },
  },
  {
    boundary: 'repository',
    attack: 'the same, scanned from the app',
    defence: 'the same runner; refusals shown in the summary',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'runs nothing, reads nothing outside, and shows what it refused',
    },
  },
  {
    boundary: 'repository',
    attack: "alternates naming another repository's objects",
    defence: 'history and index left unread, reported as objects_outside',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'reads no object of another repository its alternates name, and says so',
    },
  },
  {
    boundary: 'repository',
    attack: 'loose objects or pack folders that are links elsewhere',
    defence: 'named and refused; the pack reader opens nothing through a link',
    test: {
      file: 'test/security/packReaderBoundary.test.ts',
      name: 'names loose objects and object folders that are links elsewhere',
    },
  },
  {
    boundary: 'repository',
    attack: 'core.worktree pointing outside the folder',
    defence: 'the folder itself is scanned as a plain folder',
    test: {
      file: 'test/security/hostileRepository.test.ts',
      name: 'scans the folder itself when core.worktree puts the work tree elsewhere, reading nothing there',
    },
  },
  {
    boundary: 'repository',
    attack: 'a second module starting git without those switches',
    defence: 'git is started in one module only',
    test: { file: 'test/security/gitRunner.test.ts', name: 'starts git in one module only' },
  },
  {
    boundary: 'repository',
    attack: 'core.hooksPath pointing keyward hook install elsewhere',
    defence: 'nothing written; the message says what to add instead',
    test: {
      file: 'test/security/hookInstall.test.ts',
      name: 'writes nothing into another core.hooksPath, and says what to do instead',
    },
  },
  {
    boundary: 'repository',
    attack: 'a pre-commit hook that is a link to a file outside',
    defence: 'never written through, even with --force',
    test: {
      file: 'test/security/hookInstall.test.ts',
      name: 'never writes through a linked pre-commit, even with --force',
    },
  },
  {
    boundary: 'repository',
    attack: 'a hooks folder that is a link',
    defence: 'never written into',
    test: { file: 'test/security/hookInstall.test.ts', name: 'never writes into a hooks folder that is a link' },
  },
  {
    boundary: 'textFiles',
    attack: '.env lines named __proto__, constructor, prototype',
    defence: 'read as variables like any other',
    test: {
      file: 'test/security/envFilePrototypeNames.test.ts',
      name: 'reads each line named after an object property as that variable, with its own value',
    },
  },
  {
    boundary: 'textFiles',
    attack: 'a value that would break out of its place in an inject template',
    defence: 'refused with line, column and reference; nothing written',
    test: {
      file: 'test/security/injectTemplateBreakout.test.ts',
      name: 'refuses a line break in a .env value, naming the reference, line and column, and writes nothing',
    },
  },
  {
    boundary: 'textFiles',
    attack: 'a template of tens of thousands of references on one line',
    defence: 'read in linear time',
    test: {
      file: 'test/security/injectTemplateBreakout.test.ts',
      name: 'reads each reference of a line in its own place, the line read once',
    },
  },
  {
    boundary: 'providers',
    attack: 'a 5xx or 3xx answer whose body names the key',
    defence: 'only a 4xx may condemn a key; rules are guarded by status',
    test: {
      file: 'test/security/hostileProvider.test.ts',
      name: "AgentClara's 503 naming the Bearer token is unknown, a server error, not the wrong-header verdict",
    },
  },
  {
    boundary: 'providers',
    attack: 'a custom definition with an unguarded rule',
    defence: 'the schema refuses it; classification skips it anyway',
    test: {
      file: 'test/security/hostileProvider.test.ts',
      name: 'a definition that never went through the schema still cannot condemn a key on a 5xx or 3xx',
    },
  },
  {
    boundary: 'vaultFiles',
    attack: 'a header edited to another KDF cost or vault id, with the right key',
    defence: 'the wrapped key is bound to both as associated data',
    test: {
      file: 'test/security/headerKdfBinding.test.ts',
      name: 'unwraps under the parameters it was wrapped with, and under no edited ones, even with the right key',
    },
  },
  {
    boundary: 'children',
    attack: 'a command reading the master password file or vault path from its environment',
    defence: 'KEYWARD_* variables are not passed on',
    test: {
      file: 'test/security/runChildEnvironment.test.ts',
      name: 'holds no KEYWARD_* variable, nor the password file or vault path under any name',
    },
  },
  {
    boundary: 'localUsers',
    attack: 'another user connecting to the unlocked agent',
    defence: 'a 0600 socket in a 0700 folder of the user; every use checks owner and mode',
    test: {
      file: 'test/security/cliAgent.test.ts',
      name: 'cannot be reached by another user, even where the folders above let them through',
    },
  },
  {
    boundary: 'localUsers',
    attack: "a planted agent folder: world-writable, another owner, a link, or a socket not the user's",
    defence: 'refused before use, with what is wrong',
    test: {
      file: 'test/security/cliAgent.test.ts',
      name: "refuses a folder other users can enter, owned by another user or a link, and a socket that is not the user's",
    },
  },
  {
    boundary: 'localUsers',
    attack: 'a client asking the agent for the vault key, the password or every value',
    defence: 'masked lists and only the values a command names; no request for the key or the password',
    test: {
      file: 'test/security/cliAgentProtocol.test.ts',
      name: 'gets masked keys from list and only the values it names from resolve, never the key or the password',
    },
  },
  {
    boundary: 'localUsers',
    attack: 'garbage, oversized or stalled requests to the agent',
    defence: 'refused or dropped; the agent keeps serving',
    test: {
      file: 'test/security/cliAgentProtocol.test.ts',
      name: 'is dropped when it stalls, or sends more than a request can hold, while others are answered',
    },
  },
  {
    boundary: 'localUsers',
    attack: "a planted app socket that is not the user's",
    defence: 'the command refuses the socket, says why, and asks for the password',
    test: { file: 'test/security/appAgent.test.ts', name: "is not used when its socket is not the user's" },
  },
  {
    boundary: 'localUsers',
    attack: 'an agent folder other users can use, when the app starts serving',
    defence: 'the app refuses to open its socket there and says why in its log',
    test: { file: 'test/security/appAgentProtocol.test.ts', name: 'does not serve from a folder other users can use' },
  },
  {
    boundary: 'appCommands',
    attack: "a compromised page answering the prompt for a command's values",
    defence:
      "main's own message box, reached by no contract method; the harness's answers need a token the page never has",
    test: {
      file: 'test/e2e/app-agent.spec.ts',
      name: "a compromised page cannot answer the prompt for a command's values: its token is refused",
    },
  },
  {
    boundary: 'appCommands',
    attack: "a process of the user asking the open app for values behind the user's back",
    defence: "masked lists only; values wait for main's native prompt naming the command, folder and keys",
    test: {
      file: 'test/security/appAgent.test.ts',
      name: 'lists masked keys without asking, and gives values only once allowed, recorded as "cli via app"',
    },
  },
  {
    boundary: 'appCommands',
    attack: 'a test through the app sending keys to a host the command chose (--base-url, --ca-file)',
    defence: 'asked every time, naming the hosts, Allow once only; never covered by a terminal allowance',
    test: {
      file: 'test/security/appAgentProtocol.test.ts',
      name: "asks every time before keys go to a host of the command's choosing, offering Allow once only",
    },
  },
  {
    boundary: 'appCommands',
    attack: 'a request nobody allows (denied, or left unanswered)',
    defence: 'a clear error, exit code 1, no value; the refusal is in the audit log',
    test: {
      file: 'test/security/appAgent.test.ts',
      name: 'refuses with a clear error when the user denies or nobody answers in time, giving nothing',
    },
  },
  {
    boundary: 'appCommands',
    attack: "a process in another session riding a terminal's allowance, or after its 10 minutes",
    defence: "the allowance is the session the app finds from the peer socket (/proc), never the client's word",
    test: {
      file: 'test/security/appAgent.test.ts',
      name: 'allows a terminal for its session only, and only for its time',
    },
  },
  {
    boundary: 'appCommands',
    attack: 'keys added while the prompt is open, so the request gives out more than was shown',
    defence: 'the keys are named again after the answer; any not shown and nothing is given',
    test: {
      file: 'test/security/appAgent.test.ts',
      name: 'gives nothing when the keys a request names changed while the user was asked',
    },
  },
  {
    boundary: 'appCommands',
    attack: 'a command still answered after the app locked, or by a prompt left open',
    defence: 'locking closes the socket and every open prompt at once; the command asks for the password',
    test: {
      file: 'test/security/appAgent.test.ts',
      name: 'stops answering the moment the app locks, even with a prompt open, and the command asks for the password',
    },
  },
  {
    boundary: 'appCommands',
    attack: "garbage, another version, a lock request, oversized or stalled requests to the app's socket",
    defence: 'refused or dropped; the app keeps serving and stays unlocked',
    test: {
      file: 'test/security/appAgentProtocol.test.ts',
      name: 'gets a refusal for garbage, unknown operations, another version or a lock, and the app keeps serving',
    },
  },
  {
    boundary: 'appCommands',
    attack: "a client stalling or flooding the app's socket",
    defence: 'dropped after 5 s or 256 KiB; others are answered meanwhile',
    test: {
      file: 'test/security/appAgentProtocol.test.ts',
      name: 'is dropped when it stalls or sends too much, while others are answered',
    },
  },
  {
    boundary: 'localUsers',
    attack: 'the vault file replaced under an unlocked agent',
    defence: 'the agent locks at once and answers no value',
    test: {
      file: 'test/security/cliAgentProtocol.test.ts',
      name: 'when the vault file was replaced, at the next request, answering no value',
    },
  },
  {
    boundary: 'localUsers',
    attack: 'a native part beside the keyward executable that others can write',
    defence: 'refused before it is loaded',
    test: {
      file: 'test/security/cliExecutableBoundary.test.ts',
      name: 'refuses a native part that other users can write',
    },
  },
  {
    boundary: 'localUsers',
    attack: 'a working library put in place of a native part',
    defence: 'its SHA-256, kept inside the executable, must match before loading',
    test: {
      file: 'test/security/cliExecutableBoundary.test.ts',
      name: 'refuses a working library put in place of a native part, before loading it',
    },
  },
  {
    boundary: 'localUsers',
    attack: 'NODE_OPTIONS=--require naming code to load into the process holding keys',
    defence: 'the executable ignores NODE_OPTIONS',
    test: {
      file: 'test/security/cliExecutableBoundary.test.ts',
      name: 'ignores NODE_OPTIONS: a --require it names is not loaded',
    },
  },
  {
    boundary: 'localUsers',
    attack: 'a link planted where Keyward writes a file (the calendar, the header, an export)',
    defence: 'one writer for every file: refused, the link and its target untouched',
    test: {
      file: 'test/security/calendarLinkRefused.test.ts',
      name: 'refuses a link planted at the calendar path, and leaves its target untouched',
    },
  },
]
