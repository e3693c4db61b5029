// Shows whichever dialog the ui store says is open (at most one at a time).
import { useUiStore } from '../../stores/uiStore'
import { AddKeyDialog } from '../vault/AddKeyDialog'
import { ChangeValueDialog } from '../vault/ChangeValueDialog'
import { DeleteKeyDialog } from '../vault/DeleteKeyDialog'
import { EnvViewDialog } from '../vault/EnvViewDialog'
import { ExportEnvDialog } from '../vault/ExportEnvDialog'
import { ImportEnvDialog } from '../vault/ImportEnvDialog'
import { RotateKeyDialog } from '../rotation/RotateKeyDialog'
import { CustomProviderDialog } from '../settings/providers/CustomProviderDialog'
import { DeleteProviderDialog } from '../settings/providers/DeleteProviderDialog'
import { ChangeMasterPasswordDialog } from '../settings/ChangeMasterPasswordDialog'
import { RestoreBackupDialog } from '../settings/RestoreBackupDialog'

export function DialogHost() {
  const dialog = useUiStore((state) => state.dialog)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'add-key':
      return <AddKeyDialog />
    case 'import-env':
      return <ImportEnvDialog preview={dialog.preview} />
    case 'export-env':
      return <ExportEnvDialog />
    case 'env-view':
      return <EnvViewDialog />
    case 'delete-key':
      return <DeleteKeyDialog keyId={dialog.keyId} keyName={dialog.keyName} versionCount={dialog.versionCount} />
    case 'change-value':
      return <ChangeValueDialog keyId={dialog.keyId} keyName={dialog.keyName} />
    case 'rotate-key':
      return <RotateKeyDialog keyId={dialog.keyId} keyName={dialog.keyName} />
    case 'custom-provider':
      return <CustomProviderDialog />
    case 'delete-provider':
      return <DeleteProviderDialog providerId={dialog.providerId} providerName={dialog.providerName} />
    case 'change-master-password':
      return <ChangeMasterPasswordDialog />
    case 'restore-backup':
      return <RestoreBackupDialog source={dialog.source} backup={dialog.backup} />
  }
}
