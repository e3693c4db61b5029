// Shows a just-chosen value while its save is in flight (a controlled radio or select would otherwise
// snap back to the old value until main answers), and falls back to the saved value after.
import { useState } from 'react'

export const useOptimisticValue = <Value>(saved: Value, save: (next: Value) => Promise<boolean>) => {
  const [pending, setPending] = useState<{ value: Value } | null>(null)
  const choose = async (next: Value) => {
    setPending({ value: next })
    await save(next)
    setPending(null)
  }
  return [pending ? pending.value : saved, choose] as const
}
