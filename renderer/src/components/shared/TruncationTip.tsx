// The full text of a name cut short with an ellipsis, for keyboard users. A mouse gets it from the
// title each cut element carries; a focused control (or a list's active row) shows it here, below the
// cut text, as long as it has the focus. Screen readers read the whole text already, so this is for
// the eyes only (aria-hidden).
import { useEffect, useState } from 'react'

interface Tip {
  text: string
  left: number
  top: number
}

/** Looked at below a focused element: a row or a control holds a few dozen, a whole pane far more. */
const MOST_ELEMENTS_LOOKED_AT = 60

/** Elements inside `root` (itself included) whose text is cut by text-overflow: ellipsis right now. */
const cutElements = (root: Element): HTMLElement[] =>
  [root, ...[...root.querySelectorAll('*')].slice(0, MOST_ELEMENTS_LOOKED_AT)].filter(
    (element): element is HTMLElement => {
      if (!(element instanceof HTMLElement) || element.scrollWidth <= element.clientWidth + 1) return false
      return getComputedStyle(element).textOverflow === 'ellipsis'
    },
  )

/** The focused element, or the row a listbox or grid names as its active one. */
const focusedTarget = (): Element | null => {
  const active = document.activeElement
  if (!active || active === document.body || !active.matches(':focus-visible')) return null
  const descendant = active.getAttribute('aria-activedescendant')
  return (descendant && document.getElementById(descendant)) || active
}

const TIP_MAX_WIDTH = 420

const tipFor = (target: Element | null): Tip | null => {
  if (!target) return null
  const cut = cutElements(target)
  const first = cut[0]
  if (!first) return null
  const text = cut.map((element) => element.title || element.textContent?.trim() || '').join(' · ')
  const rect = first.getBoundingClientRect()
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - TIP_MAX_WIDTH - 8))
  return { text, left, top: Math.min(rect.bottom + 4, window.innerHeight - 40) }
}

export function TruncationTip() {
  const [tip, setTip] = useState<Tip | null>(null)
  useEffect(() => {
    let frame = 0
    // After the event has settled (focus moved, the arrow keys changed the active row, React rendered).
    const update = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => setTip(tipFor(focusedTarget())))
    }
    // A tip still to come (the arrows moved the active row and scrolled it into view) still comes.
    const hide = () => setTip(null)
    document.addEventListener('focusin', update)
    document.addEventListener('focusout', update)
    document.addEventListener('keyup', update)
    document.addEventListener('pointerdown', hide)
    // Scrolling or resizing moves the cut text: the tip goes rather than follow it.
    window.addEventListener('resize', hide)
    document.addEventListener('scroll', hide, true)
    return () => {
      cancelAnimationFrame(frame)
      document.removeEventListener('focusin', update)
      document.removeEventListener('focusout', update)
      document.removeEventListener('keyup', update)
      document.removeEventListener('pointerdown', hide)
      window.removeEventListener('resize', hide)
      document.removeEventListener('scroll', hide, true)
    }
  }, [])
  if (!tip) return null
  return (
    <div
      className="truncation-tip"
      data-testid="truncation-tip"
      aria-hidden="true"
      style={{ left: tip.left, top: tip.top, maxWidth: TIP_MAX_WIDTH }}
    >
      {tip.text}
    </div>
  )
}
