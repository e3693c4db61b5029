// Settings: auto-lock, the master password, where the vault file is, the rotation policy (and the
// calendar export), the providers and their test settings, and the activity log.
import { useSessionStore } from '../stores/sessionStore'
import { AuditLogSettings } from './AuditLogSettings'
import { AutoLockSetting } from './AutoLockSetting'
import { ChangeMasterPasswordForm } from './ChangeMasterPasswordForm'
import { ProvidersSettings } from './providers/ProvidersSettings'
import { RotationPolicySettings } from './rotation/RotationPolicySettings'

export function SettingsPane() {
  const vaultPath = useSessionStore((state) => state.status?.vaultPath ?? '')
  return (
    <section className="settings-pane" aria-label="Settings">
      <div className="settings-column">
        <h1 className="settings-heading">Settings</h1>
        <AutoLockSetting />
        <ChangeMasterPasswordForm />
        <section className="settings-section" aria-labelledby="vault-file-title">
          <h2 id="vault-file-title" className="settings-title">
            Vault file
          </h2>
          <p className="settings-text">
            One encrypted file holds every key, name and tag. Back it up like any other file; it is useless without the
            master password.
          </p>
          <p className="settings-path mono">{vaultPath}</p>
        </section>
        <RotationPolicySettings />
        <ProvidersSettings />
        <AuditLogSettings />
      </div>
    </section>
  )
}
