// The keyboard of the vault window: / and Ctrl/Cmd+F search, arrows move, Enter opens the detail,
// Ctrl/Cmd+C copies the selected key (when no text is selected), T tests it, Ctrl/Cmd+N adds,
// Home/End and PageUp/PageDown move over the whole list (not only the rows drawn),
// Ctrl/Cmd+L locks. The Vault, Tests and Rotation lists each move their own selection. In a narrow
// window, Esc, ← (outside a field) or Alt+← go back from a pushed detail to its list. Ctrl/Cmd+1…5
// open Vault, Tests, Rotation, Scanner and Settings, in the sidebar's order.
// Dialogs handle their own keys (Escape closes them), so nothing here runs while one is open.
import { useEffect } from 'react'
import { copyKeyValue } from '../actions/copyKeyValue'
import { lockVaultNow } from '../actions/lockVaultNow'
import { detailIsPushed } from '../layout/breakpoints'
import { useKeysStore } from '../stores/keysStore'
import { useRotationStore } from '../stores/rotationStore'
import { useScannerStore } from '../stores/scannerStore'
import { useTestsStore } from '../stores/testsStore'
import { useUiStore, type Section } from '../stores/uiStore'

const SECTION_BY_DIGIT: Record<string, Section> = { 1: 'vault', 2: 'tests', 3: 'rotation', 4: 'scanner', 5: 'settings' }

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'password', 'email', 'url', 'tel', 'number', 'date'])

const isTextEntry = (element: Element | null): element is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement =>
  element instanceof HTMLTextAreaElement ||
  element instanceof HTMLSelectElement ||
  (element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type)) ||
  (element instanceof HTMLElement && element.isContentEditable)

/** Controls where ← already means something (radio groups, ranges): it stays theirs. */
const isChoiceControl = (element: Element | null): boolean =>
  element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'range')

const hasSelectedText = (element: Element | null): boolean => {
  if (
    (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) &&
    element.selectionStart !== null
  ) {
    return element.selectionStart !== element.selectionEnd
  }
  return (window.getSelection()?.toString() ?? '') !== ''
}

/** Rows a PageUp or PageDown moves: the open list's height in rows, less one so a row stays in view. */
const PAGE_ROW_HEIGHT = 48
const rowsPerPage = (): number => {
  const list = document.querySelector<HTMLElement>('.workspace :is([role="listbox"], [role="grid"])')
  return Math.max(1, Math.floor((list?.clientHeight ?? 0) / PAGE_ROW_HEIGHT) - 1)
}

type UiState = ReturnType<typeof useUiStore.getState>

/** The list the arrows, Enter, Ctrl+C and T act on: the open section's. */
const openList = (section: Section) => {
  const keys = useKeysStore.getState()
  const tests = useTestsStore.getState()
  const rotation = useRotationStore.getState()
  const scanner = useScannerStore.getState()
  // The scanner's list holds findings, not keys: Ctrl+C and T act on keys only.
  return section === 'tests'
    ? { selectedId: tests.selectedId, moveSelection: tests.moveSelection, holdsKeys: true }
    : section === 'rotation'
      ? { selectedId: rotation.selectedId, moveSelection: rotation.moveSelection, holdsKeys: true }
      : section === 'scanner'
        ? { selectedId: scanner.selectedId, moveSelection: scanner.moveSelection, holdsKeys: false }
        : { selectedId: keys.selectedId, moveSelection: keys.moveSelection, holdsKeys: true }
}

/** One key press as the shortcuts read it: the key, its modifier, and where the focus is. */
interface Press {
  event: KeyboardEvent
  key: string
  modifier: boolean
  target: Element | null
  typing: boolean
  inSearch: boolean
  onButton: boolean
}

/** The shortcuts of every section (search, add, sections, lock); answers whether the press was one. */
const windowShortcut = ({ event, key, modifier, typing }: Press, ui: UiState): boolean => {
  if (modifier && !event.altKey && key === 'f') {
    event.preventDefault()
    ui.focusSearch()
  } else if (!modifier && !event.altKey && key === '/' && !typing) {
    event.preventDefault()
    ui.focusSearch()
  } else if (modifier && !event.altKey && key === 'n') {
    event.preventDefault()
    ui.showSection('vault')
    ui.openDialog({ kind: 'add-key' })
  } else if (modifier && !event.altKey && !event.shiftKey && SECTION_BY_DIGIT[key]) {
    event.preventDefault()
    ui.showSection(SECTION_BY_DIGIT[key])
  } else if (modifier && !event.altKey && key === 'l') {
    event.preventDefault()
    void lockVaultNow()
  } else {
    return false
  }
  return true
}

/** The shortcuts of a section's list and its detail: back, move, open, copy, test. */
const listShortcut = ({ event, key, modifier, target, typing, inSearch, onButton }: Press, ui: UiState): void => {
  const list = openList(ui.section)
  if (
    ui.detailOpen &&
    detailIsPushed() &&
    ((key === 'Escape' && !typing) ||
      (key === 'ArrowLeft' && !modifier && (event.altKey || !typing) && !isChoiceControl(target)))
  ) {
    event.preventDefault()
    ui.closeDetail()
  } else if ((key === 'ArrowDown' || key === 'ArrowUp') && !modifier && (!typing || inSearch) && !onButton) {
    event.preventDefault()
    list.moveSelection(key === 'ArrowDown' ? 1 : -1)
  } else if ((key === 'PageDown' || key === 'PageUp') && !modifier && (!typing || inSearch) && !onButton) {
    event.preventDefault()
    list.moveSelection((key === 'PageDown' ? 1 : -1) * rowsPerPage())
  } else if ((key === 'Home' || key === 'End') && !modifier && !typing && !onButton) {
    // In the search box Home and End move the caret, as in any text field.
    event.preventDefault()
    list.moveSelection(key === 'End' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY)
  } else if (key === 'Enter' && !modifier && (!typing || inSearch) && !onButton && list.selectedId) {
    event.preventDefault()
    ui.focusDetail()
  } else if (modifier && !event.shiftKey && !event.altKey && key === 'c' && list.selectedId && list.holdsKeys) {
    if ((typing && !inSearch) || hasSelectedText(target)) return
    event.preventDefault()
    void copyKeyValue(list.selectedId)
  } else if (
    !modifier &&
    !event.altKey &&
    !event.shiftKey &&
    key === 't' &&
    !typing &&
    list.selectedId &&
    list.holdsKeys
  ) {
    event.preventDefault()
    const tests = useTestsStore.getState()
    if (!tests.testing[list.selectedId]) void tests.testKey(list.selectedId)
  }
}

const onKeyDown = (event: KeyboardEvent) => {
  if (event.defaultPrevented || event.isComposing) return
  const ui = useUiStore.getState()
  if (ui.dialog || document.querySelector('dialog[open]')) return
  const target = document.activeElement
  const press: Press = {
    event,
    key: event.key.length === 1 ? event.key.toLowerCase() : event.key,
    modifier: event.ctrlKey || event.metaKey,
    target,
    typing: isTextEntry(target),
    inSearch: target?.id === 'key-search',
    onButton: target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement,
  }
  if (windowShortcut(press, ui) || ui.section === 'settings') return
  listShortcut(press, ui)
}

export const useVaultShortcuts = (): void => {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
