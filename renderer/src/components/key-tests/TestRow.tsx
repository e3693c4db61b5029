// One key in the Tests list: provider mark, name and environment, the last outcome with main's
// sentence, latency and when, where the tests go if not to the provider, and a Test button. A key
// under way (Test now, or in a Test all) is busy: a spinner and "Testing…" in place of its outcome.
import { memo } from 'react'
import type { KeyRecord } from '#contract'
import { describeTimeAgo, formatDateTime } from '../../format/describeTime'
import { formatLatency, reasonWithoutWait } from '../../format/testOutcomes'
import { EnvironmentBadge } from '../shared/EnvironmentBadge'
import { ProviderMark } from '../shared/ProviderMark'
import { ProviderRouteNote } from './ProviderRouteNote'
import { TestOutcomeBadge } from './TestOutcomeBadge'

interface TestRowProps {
  record: KeyRecord
  /** 1-based: the row's place in the whole grid (only a screenful is drawn). */
  rowIndex: number
  providerName: string
  selected: boolean
  /** Its test is under way: Test now, or a Test all that reached it. */
  testing: boolean
  now: number
  /** Selects the row only (its Test button). */
  onSelect: (id: string) => void
  /** Selects the row and opens its detail (a click on the row). */
  onChoose: (id: string) => void
  onOpen: (id: string) => void
  onTest: (id: string) => void
}

export const testRowId = (id: string): string => `test-row-${id}`

// Longer than 80 lines for its markup: one row's cells (name, provider, result and reason, latency,
// its test action), memoised as one component so a run's progress redraws only changed rows.
export const TestRow = memo(function TestRow({
  record,
  rowIndex,
  providerName,
  selected,
  testing,
  now,
  onSelect,
  onChoose,
  onOpen,
  onTest,
}: TestRowProps) {
  const last = record.lastTest
  const latency = last ? formatLatency(last.latencyMilliseconds) : null
  return (
    <li
      id={testRowId(record.id)}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      aria-busy={testing || undefined}
      className={`test-row${selected ? ' selected' : ''}${testing ? ' testing' : ''}`}
      data-key-name={record.name}
      onMouseDown={(event) => {
        if (event.button === 0 && !(event.target instanceof HTMLButtonElement)) onChoose(record.id)
      }}
      onDoubleClick={() => onOpen(record.id)}
    >
      <span role="gridcell" className="row-mark-cell">
        <ProviderMark provider={record.provider} name={providerName} />
      </span>
      <div role="gridcell" className="test-row-main">
        <div className="test-row-line">
          <span className="test-row-name" title={record.name}>
            {record.name}
          </span>
          <EnvironmentBadge environment={record.environment} />
          <span className="test-row-provider">{providerName}</span>
        </div>
        <div className="test-row-line test-row-secondary">
          <span className="test-row-reason" title={last?.reason}>
            {testing
              ? 'Waiting for the provider’s answer…'
              : last
                ? reasonWithoutWait(last.reason)
                : record.provider
                  ? 'Not tested yet.'
                  : 'No provider: choose one to test this key.'}
          </span>
          <ProviderRouteNote providerId={record.provider} compact />
        </div>
      </div>
      <div role="gridcell" className="test-row-result">
        {testing ? (
          <span className="outcome-badge outcome-badge-normal tone-wait testing-badge">
            <span className="spinner" aria-hidden="true" />
            Testing…
          </span>
        ) : (
          <TestOutcomeBadge outcome={last?.outcome ?? null} />
        )}
        <span className="test-row-meta">
          {latency ? <span className="test-row-latency">{latency}</span> : null}
          {last ? (
            <time dateTime={last.testedAt} title={formatDateTime(last.testedAt)}>
              {describeTimeAgo(last.testedAt, now)}
            </time>
          ) : null}
        </span>
      </div>
      <span role="gridcell" className="test-row-action">
        <button
          type="button"
          className="button button-small test-row-button"
          tabIndex={-1}
          disabled={testing}
          aria-label={`Test ${record.name}`}
          onClick={() => {
            onSelect(record.id)
            onTest(record.id)
          }}
        >
          {/* The badge beside says "Testing…": the button only stops taking clicks. */}
          Test
        </button>
      </span>
    </li>
  )
})
