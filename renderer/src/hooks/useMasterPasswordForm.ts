// The master-password form of the unlock screen and the re-authentication dialog: the password is read
// from the field at submit and handed to `check`, never kept in React state; `check` answers an error or null.
import { useRef, useState, type FormEvent } from 'react'

export const useMasterPasswordForm = (
  check: (password: string) => Promise<string | null>,
  { clearAfterCheck = false } = {},
) => {
  const passwordRef = useRef<HTMLInputElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    const password = passwordRef.current?.value ?? ''
    if (!password) {
      setError('Enter your master password.')
      passwordRef.current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    const message = await check(password)
    setBusy(false)
    if (clearAfterCheck && passwordRef.current) passwordRef.current.value = ''
    if (message) {
      setError(message)
      passwordRef.current?.select()
      passwordRef.current?.focus()
    }
  }

  return { passwordRef, error, busy, onSubmit, clearError: () => setError(null) }
}
