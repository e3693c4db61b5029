// One key's rotate flow as the dialog drives it: the flow main keeps (picked up where it was when the
// dialog opens), each step's call, the step in flight and main's refusal in its words. After every
// step the lists that show the key (vault, tests, rotation) are asked again.
import { useCallback, useEffect, useState } from 'react'
import type { Result, RotationFlow } from '#contract'
import { callKeyward } from '../api/callKeyward'
import { useKeysStore } from '../stores/keysStore'
import { useRotationStore } from '../stores/rotationStore'
import { useTestsStore } from '../stores/testsStore'

export type FlowStep = 'start' | 'test' | 'promote' | 'confirm' | 'cancel'

const refreshLists = async (): Promise<void> => {
  await Promise.all([
    useRotationStore.getState().loadOverview(),
    useKeysStore.getState().loadKeys(),
    useTestsStore.getState().loadKeys(),
  ])
}

export const useRotationFlow = (keyId: string) => {
  const [flow, setFlow] = useState<RotationFlow | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [busy, setBusy] = useState<FlowStep | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    void callKeyward('getRotationFlow', { id: keyId }).then((result) => {
      if (!current) return
      if (result.ok) setFlow(result.value)
      else setError(result.error.message)
      setLoaded(true)
    })
    return () => {
      current = false
    }
  }, [keyId])

  const run = useCallback(async (step: FlowStep, call: () => Promise<Result<RotationFlow>>): Promise<boolean> => {
    setBusy(step)
    setError(null)
    const result = await call()
    setBusy(null)
    if (!result.ok) {
      setError(result.error.message)
      return false
    }
    setFlow(result.value)
    void refreshLists()
    return true
  }, [])

  const start = useCallback(
    (value: string, expiresAt: string | null) =>
      run('start', () => callKeyward('startRotation', { id: keyId, value, expiresAt })),
    [keyId, run],
  )
  const test = useCallback(() => run('test', () => callKeyward('testRotation', { id: keyId })), [keyId, run])
  const promote = useCallback(
    (force: boolean) => run('promote', () => callKeyward('promoteRotation', { id: keyId, force })),
    [keyId, run],
  )
  const confirmRevoked = useCallback(
    () => run('confirm', () => callKeyward('confirmRotationRevoked', { id: keyId })),
    [keyId, run],
  )
  const cancel = useCallback(async (): Promise<boolean> => {
    setBusy('cancel')
    setError(null)
    const result = await callKeyward('cancelRotation', { id: keyId })
    setBusy(null)
    if (!result.ok) {
      setError(result.error.message)
      return false
    }
    setFlow(null)
    void refreshLists()
    return true
  }, [keyId])

  return { flow, loaded, busy, error, setError, start, test, promote, confirmRevoked, cancel }
}
