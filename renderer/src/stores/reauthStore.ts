// The one open request for the master password again (main answered reauth_required): why, and who
// waits for the answer. The answer is only "typed and accepted by main" or "cancelled".
import { create } from 'zustand'

interface ReauthRequest {
  /** Main's words: how many values it shows without asking, and that nothing was shown. */
  reason: string
  settle: (confirmed: boolean) => void
}

interface ReauthStore {
  request: ReauthRequest | null
  /** Opens the prompt (or joins the one open) and resolves true once main accepted the password. */
  ask: (reason: string) => Promise<boolean>
  settle: (confirmed: boolean) => void
}

export const useReauthStore = create<ReauthStore>()((set, get) => ({
  request: null,
  ask: (reason) =>
    new Promise<boolean>((resolve) => {
      const open = get().request
      if (open) {
        // A second value asked for while the prompt is open waits on the same answer.
        set({ request: { reason: open.reason, settle: (confirmed) => (open.settle(confirmed), resolve(confirmed)) } })
        return
      }
      set({ request: { reason, settle: resolve } })
    }),
  settle: (confirmed) => {
    const open = get().request
    set({ request: null })
    open?.settle(confirmed)
  },
}))
