// Defences where the renderer meets main (the renderer assumed compromised: any bridge call, any
// argument), each with the test that holds it. One group of the list ../boundaries.ts gathers.
import type { Defence } from './defence'

export const rendererDefences: readonly Defence[] = [
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
]
