// The Rotation section's right column: the selected key's state, due date and reason, Snooze and
// Rotate, its period, and every value it has had with its status (current, retiring, revoked…).
import { openKeyInVault } from '../../actions/openKeyInVault'
import { formatDateTime, NO_EXPIRY } from '../../format/describeTime'
import { useProviderNames } from '../../hooks/useProviderNames'
import { selectSelectedStatus, useRotationStore } from '../../stores/rotationStore'
import { EnvironmentBadge } from '../shared/EnvironmentBadge'
import { KeyVersionHistory } from '../vault/KeyVersionHistory'
import { ProviderMark } from '../shared/ProviderMark'
import { KeyRotationSection } from './KeyRotationSection'
import { ROTATION_LIST_ID } from './RotationList'
import { DetailPane } from '../shared/DetailPane'

export const ROTATION_DETAIL_PANE_ID = 'rotation-detail'

export function RotationDetailPane() {
  const status = useRotationStore(selectSelectedStatus)
  const record = useRotationStore((state) => (state.selectedId ? state.records[state.selectedId] : undefined))
  const providerName = useProviderNames()

  return (
    <DetailPane
      id={ROTATION_DETAIL_PANE_ID}
      label={status ? `Rotation of ${status.name}` : 'Rotation details'}
      listId={ROTATION_LIST_ID}
      listName="rotation"
      selection={status?.keyId ?? null}
    >
      {status ? (
        <>
          <header className="detail-header">
            <ProviderMark
              provider={record?.provider ?? null}
              name={providerName(record?.provider ?? null)}
              size="large"
            />
            <div className="detail-header-text">
              <h2 className="detail-title">{status.name}</h2>
              <div className="detail-header-meta detail-header-meta-flush">
                {record ? <EnvironmentBadge environment={record.environment} /> : null}
                <span>{providerName(record?.provider ?? null)}</span>
                {record ? <span className="masked-value">{record.maskedValue}</span> : null}
              </div>
            </div>
          </header>
          <KeyRotationSection keyId={status.keyId} />
          <dl className="detail-meta">
            <dt>Last rotated</dt>
            <dd>{formatDateTime(status.lastRotatedAt)}</dd>
            <dt>Expires</dt>
            <dd>{status.expiresAt ? formatDateTime(status.expiresAt) : NO_EXPIRY}</dd>
          </dl>
          <KeyVersionHistory
            keyId={status.keyId}
            versionCount={record?.versionCount ?? 0}
            refreshKey={`${status.lastRotatedAt}|${status.rotationStage ?? ''}`}
          />
          <div className="detail-footer-actions">
            <button type="button" className="button button-small" onClick={() => void openKeyInVault(status.keyId)}>
              Open in vault
            </button>
          </div>
        </>
      ) : (
        <div className="detail-empty">
          <p>Select a key to see when it is due.</p>
        </div>
      )}
    </DetailPane>
  )
}
