// Confirms a delete: names the key and what goes with it; Cancel has the focus, so Enter is safe.
import { countNoun } from '../../format/countNoun'
import { useKeysStore } from '../../stores/keysStore'
import { ConfirmDialog } from '../shared/ConfirmDialog'

interface DeleteKeyDialogProps {
  keyId: string
  keyName: string
  versionCount: number
}

export function DeleteKeyDialog({ keyId, keyName, versionCount }: DeleteKeyDialogProps) {
  const deleteKey = useKeysStore((state) => state.deleteKey)
  return (
    <ConfirmDialog
      title={`Delete “${keyName}”?`}
      confirmLabel="Delete key"
      busyLabel="Deleting…"
      onConfirm={() => deleteKey(keyId)}
      doneToast={`Deleted “${keyName}”`}
    >
      <p>
        This removes the key and its {countNoun(versionCount, 'version')} from the vault. It cannot be undone. The key
        itself stays valid at the provider until you revoke it there.
      </p>
    </ConfirmDialog>
  )
}
