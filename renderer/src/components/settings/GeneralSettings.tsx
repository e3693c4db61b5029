// Settings › General: where the vault file is, when it locks itself, and the keyward command on PATH.
import { useSessionStore } from '../../stores/sessionStore'
import { AutoLockSetting } from './AutoLockSetting'
import { CommandLineSettings } from './CommandLineSettings'

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
        <p className="path-block mono">{vaultPath}</p>
      </section>
      <AutoLockSetting />
      <CommandLineSettings />
    </>
  )
}
