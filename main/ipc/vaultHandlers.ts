// The contract's vault and app methods: create, unlock and lock the vault, its master password, the
// auto-lock and the user's activity; the audit log; the keyward command on PATH.
import { definedOnly } from '../common/definedOnly'
import type { Handlers } from './handlerTypes'
import type { MainServices } from './services'

type VaultHandlers = Pick<
  Handlers,
  | 'getVaultStatus'
  | 'createVault'
  | 'unlockVault'
  | 'lockVault'
  | 'changeMasterPassword'
  | 'setAutoLock'
  | 'confirmMasterPassword'
  | 'reportActivity'
  | 'listAuditLog'
  | 'getCommandStatus'
  | 'installCommand'
  | 'removeCommand'
>

/** The vault session, its audit log and the keyward command, each a call into its service. */
export const createVaultHandlers = ({ session, valuePacer, command }: MainServices): VaultHandlers => ({
  getVaultStatus: () => session.status(),
  createVault: async ({ password }) => {
    await session.create(password)
    return session.status()
  },
  unlockVault: async ({ password }) => {
    await session.unlock(password)
    return session.status()
  },
  lockVault: () => {
    session.lock('user')
    return session.status()
  },
  changeMasterPassword: async ({ currentPassword, newPassword }) => {
    await session.changeMasterPassword(currentPassword, newPassword)
    return { changed: true as const }
  },
  setAutoLock: ({ minutes }) => {
    session.setAutoLockMinutes(minutes)
    return session.status()
  },
  confirmMasterPassword: async ({ password }) => {
    await session.vault().confirmPassword(password)
    valuePacer.renew()
    return { confirmed: true as const }
  },
  reportActivity: () => {
    session.touch()
    return { lockInSeconds: session.status().lockInSeconds }
  },

  listAuditLog: (query) => session.vault().audit.list(definedOnly(query)),

  getCommandStatus: () => command.status(),
  installCommand: () => command.install(),
  removeCommand: () => command.remove(),
})
