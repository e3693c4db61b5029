// Settings › General: where the vault file is and when it locks itself. Entries about the app as a
// whole (such as installing the keyward command) belong in this section too.
import { useSessionStore } from '../../stores/sessionStore'
import { AutoLockSetting } from './AutoLockSetting'

export function GeneralSettings() {
  const vaultPath = useSessionStore((state) => state.status?.vaultPath ?? '')
  return (
    <>
      <section className="settings-section" aria-labelledby="vault-file-title">
        <h2 id="vault-file-title" className="settings-title">
          Vault file
        </h2>
        <p className="settings-text">
          One encrypted file holds every key, name and tag; it is useless without the master password.
        </p>
        <p className="settings-path mono">{vaultPath}</p>
      </section>
      <AutoLockSetting />
    </>
  )
}
