// The current time, re-read every few seconds, so "3 min ago" moves on while the window stays open.
import { useEffect, useState } from 'react'

export const useNow = (intervalMilliseconds = 15_000): number => {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMilliseconds)
    return () => clearInterval(timer)
  }, [intervalMilliseconds])
  return now
}
