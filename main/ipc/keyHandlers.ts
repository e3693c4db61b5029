// The contract's key methods: list, read, add, edit and delete keys, show or copy a value (paced),
// guess a pasted value's provider; and the auth tests of one key or of all.
import { addKey, guessKeyIn, updateKey } from '../key-test-service/index'
import type { HandlerTools, Handlers } from './handlerTypes'
import type { MainServices } from './services'

type KeyHandlers = Pick<
  Handlers,
  | 'listKeys'
  | 'getKey'
  | 'addKey'
  | 'updateKey'
  | 'deleteKey'
  | 'revealKey'
  | 'copyKey'
  | 'listKeyVersions'
  | 'guessKey'
  | 'testKey'
  | 'listKeyTests'
  | 'startTestRun'
  | 'getTestRun'
  | 'cancelTestRun'
>

/** The vault's keys and their auth tests. */
export const createKeyHandlers = (
  { session, clipboard, keyTests }: MainServices,
  { askInMain, vaultNow, paced }: HandlerTools,
): KeyHandlers => ({
  listKeys: (query) => session.keys().list(query),
  getKey: ({ id }) => session.keys().get(id),
  addKey: (newKey) => addKey(session.vault(), newKey).record,
  updateKey: async ({ id, changes }) => (await updateKey(vaultNow, id, changes, { ask: askInMain })).after,
  deleteKey: ({ id }) => {
    session.keys().delete(id)
    return { deleted: true as const }
  },
  revealKey: ({ id }) => ({ value: paced(session.keys().revealValue(id)) }),
  copyKey: async ({ id }) => ({ clearsInSeconds: await clipboard.copySecret(paced(session.keys().revealValue(id))) }),
  listKeyVersions: ({ id }) => session.keys().versions(id),
  guessKey: ({ value }) => {
    const vault = session.vault()
    // Add key warns before a second copy of a value is stored (import does the same per line).
    const owner = vault.keys.findValueOwner(value)
    return {
      ...guessKeyIn(vault, value),
      sameValueAs: owner ? { id: owner.record.id, name: owner.record.name, current: owner.current } : null,
    }
  },

  testKey: ({ id }) => keyTests.testKey(id),
  listKeyTests: ({ id }) => {
    const vault = session.vault()
    vault.keys.get(id)
    return vault.tests.list(id)
  },
  startTestRun: ({ keyIds }) => keyTests.startRun(keyIds),
  getTestRun: () => keyTests.runStatus(),
  cancelTestRun: () => keyTests.cancelRun(),
})
