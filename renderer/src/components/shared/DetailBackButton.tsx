// The way back from a detail pushed over its list (narrow windows only; CSS hides it where both show).
// Esc and ← do the same from the keyboard (useVaultShortcuts).
import { useUiStore } from '../../stores/uiStore'

export function DetailBackButton({ listName }: { listName: string }) {
  const closeDetail = useUiStore((state) => state.closeDetail)
  return (
    <div className="detail-back-bar">
      <button type="button" className="link-button detail-back" onClick={closeDetail} title="Back to the list (Esc)">
        <span aria-hidden="true">← </span>
        Back to {listName}
      </button>
    </div>
  )
}
