// Defences against local processes (commands run with keys, other local users at the agent's
// socket and the command's files, the user's own processes asking the open app), each with the test
// that holds it. One group of the list ../boundaries.ts gathers.
import type { Defence } from './defence'

export const localProcessDefences: readonly Defence[] = [
  {
    boundary: 'children',
    attack: 'a command reading keys it was not given',
    defence: 'only the chosen keys go into its environment',
    test: {
      file: 'test/integration/cli/run.test.ts',
      name: 'gives the chosen keys to the command under their variables, and nothing else',
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
      file: 'test/security/cliAgentFolder.test.ts',
      name: 'cannot be reached by another user, even where the folders above let them through',
    },
  },
  {
    boundary: 'localUsers',
    attack: "a planted agent folder: world-writable, another owner, a link, or a socket not the user's",
    defence: 'refused before use, with what is wrong',
    test: {
      file: 'test/security/cliAgentFolder.test.ts',
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
