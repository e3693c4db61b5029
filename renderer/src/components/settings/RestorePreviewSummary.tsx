// What a restore would change, as main's preview says it: counts first, then the keys by name in three
// groups (brought back, removed, changed). Names and version counts only: values never leave main.
import type { RestorePreview } from '#contract'
import { countNoun } from '../../format/countNoun'

function KeyGroup({ title, names }: { title: string; names: string[] }) {
  if (names.length === 0) return null
  return (
    <section className="restore-group" aria-label={title}>
      <h3 className="restore-group-title">
        {title} <span className="muted">({names.length.toLocaleString('en-US')})</span>
      </h3>
      <ul className="restore-names">
        {names.map((name, index) => (
          <li key={`${index}-${name}`} title={name}>
            {name}
          </li>
        ))}
      </ul>
    </section>
  )
}

const versions = (count: number) => countNoun(count, 'version')

export function RestorePreviewSummary({ preview }: { preview: RestorePreview }) {
  const nothingChanges = preview.added.length + preview.removed.length + preview.changed.length === 0
  return (
    <div className="restore-preview" role="region" aria-label="What the restore changes">
      <p className="restore-counts" role="status">
        The backup holds {countNoun(preview.keysInBackup, 'key')}; the vault holds{' '}
        {preview.keysNow === null ? 'an unknown number' : countNoun(preview.keysNow, 'key')} now.{' '}
        {nothingChanges
          ? 'Restoring it changes no key.'
          : `Restoring it brings back ${preview.added.length}, removes ${preview.removed.length}, changes ${preview.changed.length} and leaves ${preview.unchanged} as they are.`}
      </p>
      {preview.refusal ? (
        <p className="error-message" role="alert">
          {preview.refusal}
        </p>
      ) : null}
      <KeyGroup title="Brought back" names={preview.added.map((key) => `${key.name} (${versions(key.versions)})`)} />
      <KeyGroup title="Removed" names={preview.removed.map((key) => `${key.name} (${versions(key.versions)})`)} />
      <KeyGroup
        title="Changed"
        names={preview.changed.map(
          (key) =>
            `${key.name}${key.currentName ? ` (now “${key.currentName}”)` : ''}: ${versions(key.currentVersions)} now, ${versions(key.backupVersions)} in the backup`,
        )}
      />
    </div>
  )
}
