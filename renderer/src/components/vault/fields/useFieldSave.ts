// Saving one field of a key: the call, its error in the field's words, and whether it is in flight.
import { useCallback, useState } from 'react'
import type { KeyChanges } from '#contract'
import { fieldErrorMessage } from '../../../format/fieldErrors'
import { useKeysStore } from '../../../stores/keysStore'

export const useFieldSave = (keyId: string) => {
  const updateKey = useKeysStore((state) => state.updateKey)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const save = useCallback(
    async (changes: KeyChanges): Promise<boolean> => {
      setSaving(true)
      const result = await updateKey(keyId, changes)
      setSaving(false)
      setError(result.ok ? null : fieldErrorMessage(result.error))
      return result.ok
    },
    [keyId, updateKey],
  )
  return { save, error, setError, saving }
}
