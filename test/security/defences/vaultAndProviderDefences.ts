// Defences of the vault's own files on disk and against provider answers (and the network between),
// each with the test that holds it. One group of the list ../boundaries.ts gathers.
import type { Defence } from './defence'

export const vaultAndProviderDefences: readonly Defence[] = [
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
]
