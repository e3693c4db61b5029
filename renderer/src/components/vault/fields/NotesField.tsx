// Free-form notes about a key, saved when focus leaves the box.
import { useEffect, useId, useState } from 'react'
import { DetailField } from './DetailField'

interface NotesFieldProps {
  value: string
  onSave: (next: string) => Promise<boolean>
  error: string | null
}

export function NotesField({ value, onSave, error }: NotesFieldProps) {
  const id = useId()
  const [draft, setDraft] = useState(value)
  const [focused, setFocused] = useState(false)

  useEffect(() => {
    if (!focused) setDraft(value)
  }, [value, focused])

  return (
    <DetailField label="Notes" htmlFor={id} error={error}>
      <textarea
        id={id}
        className="inline-input inline-textarea"
        rows={3}
        value={draft}
        placeholder="Where it is used, who owns it…"
        onChange={(event) => setDraft(event.currentTarget.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false)
          if (draft !== value) void onSave(draft).then((saved) => saved || setDraft(value))
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            event.stopPropagation()
            setDraft(value)
          }
        }}
      />
    </DetailField>
  )
}
