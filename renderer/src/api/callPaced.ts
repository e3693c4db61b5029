// Calls a method that shows or copies a value: when main says the allowance is spent
// (reauth_required), asks for the master password and, once main accepted it, calls again.
import type { MethodName, Result } from '#contract'
import { useReauthStore } from '../stores/reauthStore'
import { callKeyward } from './callKeyward'

type ValueMethod = Extract<MethodName, 'revealKey' | 'copyKey' | 'copyKeyEnvLine' | 'copyRetiringKey'>

export const callPaced = async <Name extends ValueMethod>(name: Name, argument: { id: string }) => {
  const call = () =>
    (callKeyward as (name: Name, argument: { id: string }) => ReturnType<typeof callKeyward<Name>>)(name, argument)
  const first = await call()
  if (first.ok || first.error.code !== 'reauth_required') return first
  const confirmed = await useReauthStore.getState().ask(first.error.message)
  return confirmed ? call() : (first as Result<never>)
}
