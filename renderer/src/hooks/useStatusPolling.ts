// Asks main for the vault status once a second: main sends no events, and this is how the window
// notices an auto-lock or a lock on sleep.
import { useEffect } from 'react'
import { STATUS_POLL_INTERVAL_MS, useSessionStore } from '../stores/sessionStore'

export const useStatusPolling = (): void => {
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | null = null
    const poll = async () => {
      await useSessionStore.getState().refreshStatus()
      if (!stopped) timer = setTimeout(() => void poll(), STATUS_POLL_INTERVAL_MS)
    }
    void poll()
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [])
}
