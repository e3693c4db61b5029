// Settings: auto-lock, the master password, where the vault file is, the keyward command, the rotation policy (and the
// calendar export), the providers and their test settings, and the activity log.
import { AuditLogSettings } from './AuditLogSettings'
import { AutoLockSetting } from './AutoLockSetting'
import { BackupSettings } from './BackupSettings'
import { ChangeMasterPasswordForm } from './ChangeMasterPasswordForm'
import { CommandLineSettings } from './CommandLineSettings'
import { ProvidersSettings } from './providers/ProvidersSettings'
import { RotationPolicySettings } from './rotation/RotationPolicySettings'

export function SettingsPane() {
  return (
    <section className="settings-pane" aria-label="Settings">
      <div className="settings-column">
        <h1 className="settings-heading">Settings</h1>
        <AutoLockSetting />
        <ChangeMasterPasswordForm />
        <BackupSettings />
        <CommandLineSettings />
        <RotationPolicySettings />
        <ProvidersSettings />
        <AuditLogSettings />
      </div>
    </section>
  )
}
