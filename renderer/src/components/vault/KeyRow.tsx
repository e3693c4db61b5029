// One key in the list: provider mark, name, environment, scopes, masked value, tags and the last test's
// outcome. Never a value.
import { memo } from 'react'
import type { KeyRecord } from '#contract'
import { EnvironmentBadge } from '../shared/EnvironmentBadge'
import { ProviderMark } from '../shared/ProviderMark'
import { TestOutcomeBadge } from '../key-tests/TestOutcomeBadge'

interface KeyRowProps {
  record: KeyRecord
  /** 1-based, with count: where the row sits in the whole list (only a screenful is drawn). */
  position: number
  count: number
  providerName: string
  selected: boolean
  onSelect: (id: string) => void
  onOpen: (id: string) => void
}

export const keyRowId = (id: string): string => `key-row-${id}`

export const KeyRow = memo(function KeyRow({
  record,
  position,
  count,
  providerName,
  selected,
  onSelect,
  onOpen,
}: KeyRowProps) {
  return (
    <li
      id={keyRowId(record.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={count}
      className={`key-row${selected ? ' selected' : ''}`}
      data-key-name={record.name}
      onMouseDown={(event) => {
        if (event.button === 0) onSelect(record.id)
      }}
      onDoubleClick={() => onOpen(record.id)}
    >
      <ProviderMark provider={record.provider} name={providerName} />
      <div className="key-row-main">
        <div className="key-row-line">
          <span className="key-row-name" title={record.name}>
            {record.name}
          </span>
          <EnvironmentBadge environment={record.environment} />
          {record.tags.length > 0 ? (
            <span className="key-row-tags" title={record.tags.join(', ')}>
              {record.tags.slice(0, 3).map((tag) => (
                <span key={tag} className="tag-chip">
                  {tag}
                </span>
              ))}
              {record.tags.length > 3 ? <span className="tag-more">+{record.tags.length - 3}</span> : null}
            </span>
          ) : null}
        </div>
        <div className="key-row-line key-row-secondary">
          <span className="masked-value">{record.maskedValue}</span>
          <span className="key-row-provider" title={record.provider ? providerName : undefined}>
            {record.provider ? providerName : 'No provider'}
          </span>
          {record.scopes.length > 0 ? (
            <span className="key-row-scopes" title={record.scopes.join(', ')}>
              {record.scopes.join(', ')}
            </span>
          ) : null}
          {record.lastTest ? (
            <span className="key-row-test" title={record.lastTest.reason}>
              <TestOutcomeBadge outcome={record.lastTest.outcome} size="small" />
            </span>
          ) : null}
        </div>
      </div>
    </li>
  )
})
