// One finding in the Scanner list: environment, what it is (the vault key it matches, else the rule),
// the masked secret, and where (path:line, working tree / staged / history with the commit's date).
import { memo } from 'react'
import type { ScanFinding } from '#contract'
import { formatDate } from '../../format/describeTime'
import { describePlace, KIND_LABELS } from '../../format/scanFindings'
import { EnvironmentBadge } from '../shared/EnvironmentBadge'

interface FindingRowProps {
  finding: ScanFinding
  selected: boolean
  onSelect: (fingerprint: string) => void
  onOpen: (fingerprint: string) => void
}

export const findingRowId = (fingerprint: string): string => `finding-row-${fingerprint}`

export const FindingRow = memo(function FindingRow({ finding, selected, onSelect, onOpen }: FindingRowProps) {
  const title = finding.vaultKey ? finding.vaultKey.keyName : finding.ruleTitle
  return (
    <li
      id={findingRowId(finding.fingerprint)}
      role="option"
      aria-selected={selected}
      className={`finding-row${selected ? ' selected' : ''}${finding.suppressed ? ' set-aside' : ''}`}
      data-path={finding.path}
      onMouseDown={(event) => {
        if (event.button === 0) onSelect(finding.fingerprint)
      }}
      onDoubleClick={() => onOpen(finding.fingerprint)}
    >
      <span className={`finding-kind finding-kind-${finding.kind}`} title={describePlace(finding)}>
        {KIND_LABELS[finding.kind]}
      </span>
      <div className="finding-row-main">
        <div className="finding-row-line">
          <span className="finding-row-name" title={title}>
            {title}
          </span>
          <EnvironmentBadge environment={finding.environment} />
          {finding.vaultKey ? <span className="finding-vault-mark">in vault</span> : null}
          <span className="finding-row-secret mono">{finding.redactedSecret}</span>
        </div>
        <div className="finding-row-line finding-row-secondary">
          <span className="finding-row-path mono" title={`${finding.path}:${finding.line}`}>
            {finding.path}:{finding.line}
          </span>
          <span className="finding-row-place">
            {finding.suppressed ? 'set aside' : describePlace(finding)}
            {finding.date ? ` · ${formatDate(finding.date)}` : ''}
          </span>
        </div>
      </div>
    </li>
  )
})
