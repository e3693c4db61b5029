// Tells main the person is active (keyboard, mouse, wheel) so the idle auto-lock restarts; the store
// throttles the calls to one every 15 s.
import { useEffect } from 'react'
import { useSessionStore } from '../stores/sessionStore'

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const

export const useActivityReporting = (): void => {
  useEffect(() => {
    const onActivity = () => useSessionStore.getState().noteActivity()
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true })
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true })
    }
  }, [])
}
