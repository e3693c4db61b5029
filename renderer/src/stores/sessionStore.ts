// The vault session as the renderer sees it: locked, unlocked or missing, polled from main once a second
// (main sends no events), plus the calls that change it. Activity is reported at most every 15 s.
import { create } from 'zustand'
import type { VaultStatus } from '#contract'
import { callKeyward } from '../api/callKeyward'

export const ACTIVITY_REPORT_INTERVAL_MS = 15_000
export const STATUS_POLL_INTERVAL_MS = 1_000

interface SessionStore {
  status: VaultStatus | null
  /** Set when main could not answer the status at all (the bridge is broken). */
  statusError: string | null
  lastActivityReportAt: number
  refreshStatus: () => Promise<void>
  /** Each action answers an error message for the person, or null when it worked. */
  createVault: (password: string) => Promise<string | null>
  unlockVault: (password: string) => Promise<string | null>
  lockVault: () => Promise<string | null>
  setAutoLock: (minutes: number) => Promise<string | null>
  changeMasterPassword: (currentPassword: string, newPassword: string) => Promise<string | null>
  noteActivity: () => void
}

export const useSessionStore = create<SessionStore>()((set, get) => ({
  status: null,
  statusError: null,
  lastActivityReportAt: 0,

  refreshStatus: async () => {
    const result = await callKeyward('getVaultStatus')
    if (result.ok) set({ status: result.value, statusError: null })
    else set({ statusError: result.error.message })
  },

  createVault: async (password) => {
    const result = await callKeyward('createVault', { password })
    if (!result.ok) return result.error.message
    set({ status: result.value, lastActivityReportAt: Date.now() })
    return null
  },

  unlockVault: async (password) => {
    const result = await callKeyward('unlockVault', { password })
    if (!result.ok) return result.error.message
    set({ status: result.value, lastActivityReportAt: Date.now() })
    return null
  },

  lockVault: async () => {
    const result = await callKeyward('lockVault')
    if (!result.ok) return result.error.message
    set({ status: result.value })
    return null
  },

  setAutoLock: async (minutes) => {
    const result = await callKeyward('setAutoLock', { minutes })
    if (!result.ok) return result.error.message
    set({ status: result.value })
    return null
  },

  changeMasterPassword: async (currentPassword, newPassword) => {
    const result = await callKeyward('changeMasterPassword', { currentPassword, newPassword })
    return result.ok ? null : result.error.message
  },

  noteActivity: () => {
    const { status, lastActivityReportAt } = get()
    const now = Date.now()
    if (status?.state !== 'unlocked' || now - lastActivityReportAt < ACTIVITY_REPORT_INTERVAL_MS) return
    set({ lastActivityReportAt: now })
    void callKeyward('reportActivity').then((result) => {
      const current = get().status
      if (result.ok && current?.state === 'unlocked') {
        set({ status: { ...current, lockInSeconds: result.value.lockInSeconds } })
      }
    })
  },
}))
