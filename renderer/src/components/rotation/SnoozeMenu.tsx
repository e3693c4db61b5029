// Snooze: a small menu (1 day, 7 days, the longest the policy allows; End snooze while snoozed). Main
// caps it (never past the key's expiry) and its sentence says what it did, in a message.
import { useEffect, useId, useRef, useState } from 'react'
import type { RotationStatus } from '#contract'
import { useRotationStore, type SnoozeChoice } from '../../stores/rotationStore'
import { useUiStore } from '../../stores/uiStore'

interface SnoozeMenuProps {
  status: RotationStatus
  maxSnoozeDays: number
  /** Rows keep their buttons out of the tab order (the list moves with the arrows). */
  inList?: boolean
}

/** Only a key due soon or overdue can be snoozed (main refuses the others and says why). */
export const canSnooze = (status: RotationStatus): boolean => status.state === 'due_soon' || status.state === 'overdue'

// Longer than 80 lines: a menu button and its popup of choices (1 day, 7 days, the longest, end the
// snooze) share the open state, the focus it returns and the snooze in progress.
export function SnoozeMenu({ status, maxSnoozeDays, inList = false }: SnoozeMenuProps) {
  const snooze = useRotationStore((state) => state.snooze)
  const pushToast = useUiStore((state) => state.pushToast)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const menuId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const choices: { label: string; choice: SnoozeChoice }[] = [
    { label: '1 day', choice: { days: 1 } },
    { label: '7 days', choice: { days: 7 } },
    { label: `${maxSnoozeDays} days (longest)`, choice: { days: maxSnoozeDays } },
    ...(status.snoozedUntil ? [{ label: 'End snooze', choice: null }] : []),
  ].filter(
    (entry, index, all) =>
      entry.choice === null || all.findIndex((other) => other.choice?.days === entry.choice?.days) === index,
  )

  useEffect(() => {
    if (!open) return
    rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', onPointer)
    return () => document.removeEventListener('mousedown', onPointer)
  }, [open])

  const choose = async (choice: SnoozeChoice) => {
    setOpen(false)
    buttonRef.current?.focus()
    setBusy(true)
    const answer = await snooze(status.keyId, choice)
    setBusy(false)
    if (!answer.ok) pushToast(answer.message ?? 'The snooze could not be saved.', 'error')
    else pushToast(answer.message ?? `Reminders for “${status.name}” are back on.`, 'success')
  }

  const allowed = canSnooze(status)
  return (
    <div
      ref={rootRef}
      className="menu-anchor"
      onKeyDown={(event) => {
        if (!open) return
        const items = [...(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
        const index = items.indexOf(document.activeElement as HTMLElement)
        if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          setOpen(false)
          buttonRef.current?.focus()
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault()
          event.stopPropagation()
          const next = (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length
          items[next]?.focus()
        } else if (event.key === 'Tab') setOpen(false)
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="button button-small"
        tabIndex={inList ? -1 : undefined}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Snooze ${status.name}`}
        disabled={busy || (!allowed && !status.snoozedUntil)}
        title={
          allowed
            ? 'Hold this key’s reminders back for a while'
            : 'Only a key due soon or overdue can be snoozed: rotate it'
        }
        onClick={() => setOpen(!open)}
      >
        {busy ? 'Snoozing…' : 'Snooze'}
        <span className="menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <ul id={menuId} className="menu" role="menu" aria-label={`Snooze ${status.name}`}>
          {choices.map((entry) => (
            <li key={entry.label} role="none">
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                tabIndex={-1}
                onClick={() => void choose(entry.choice)}
              >
                {entry.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
