// Confirms a delete: names the key and what goes with it; Cancel has the focus, so Enter is safe.
import { useState } from 'react'
import { countNoun } from '../format/countNoun'
import { useKeysStore } from '../stores/keysStore'
import { useUiStore } from '../stores/uiStore'
import { Dialog } from './Dialog'
import { ErrorMessage } from './ErrorMessage'

interface DeleteKeyDialogProps {
  keyId: string
  keyName: string
  versionCount: number
}

export function DeleteKeyDialog({ keyId, keyName, versionCount }: DeleteKeyDialogProps) {
  const closeDialog = useUiStore((state) => state.closeDialog)
  const pushToast = useUiStore((state) => state.pushToast)
  const deleteKey = useKeysStore((state) => state.deleteKey)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const onDelete = async () => {
    setBusy(true)
    const result = await deleteKey(keyId)
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    closeDialog()
    pushToast(`Deleted “${keyName}”`, 'info')
  }

  return (
    <Dialog
      title={`Delete “${keyName}”?`}
      onClose={closeDialog}
      size="narrow"
      footer={
        <>
          <button type="button" className="button" onClick={closeDialog} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void onDelete()}>
            {busy ? 'Deleting…' : 'Delete key'}
          </button>
        </>
      }
    >
      <p>
        This removes the key and its {countNoun(versionCount, 'version')} from the vault. It cannot be undone. The key
        itself stays valid at the provider until you revoke it there.
      </p>
      <ErrorMessage message={error} />
    </Dialog>
  )
}
