// Whole seconds left until a moment, ticking while it is in the future; null when there is none.
import { useEffect, useState } from 'react'

export const useCountdown = (until: number | null): number | null => {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (until === null) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [until])
  if (until === null) return null
  return Math.max(0, Math.ceil((until - now) / 1000))
}
