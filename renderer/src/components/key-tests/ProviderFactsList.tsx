// What the provider's verify answer told about the key (permissions, key id, expiry, credits,
// balance, plan) and when it said so. Only what it told is shown.
import type { ReactNode } from 'react'
import type { ProviderFacts } from '#contract'
import { describeExpiry, describeTimeAgo, formatDate, formatDateTime } from '../../format/describeTime'
import { useNow } from '../../hooks/useNow'

interface ProviderFactsListProps {
  facts: ProviderFacts
  providerName: string
}

const formatNumber = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 })

export function ProviderFactsList({ facts, providerName }: ProviderFactsListProps) {
  const now = useNow()
  const expiry = facts.expiresAt ? describeExpiry(facts.expiresAt, now) : null
  const rows: [label: string, value: ReactNode][] = []
  if (facts.permissions) {
    rows.push([
      'Permissions',
      facts.permissions.length > 0 ? (
        <span className="fact-chips">
          {facts.permissions.map((permission) => (
            <span key={permission} className="tag-chip">
              {permission}
            </span>
          ))}
        </span>
      ) : (
        <span className="muted">none</span>
      ),
    ])
  }
  if (facts.keyId)
    rows.push([
      'Key id',
      <span key="value" className="mono">
        {facts.keyId}
      </span>,
    ])
  if (facts.plan) rows.push(['Plan', facts.plan])
  if (facts.credits !== undefined)
    rows.push([
      'Credits',
      <span key="value" className="number">
        {formatNumber(facts.credits)}
      </span>,
    ])
  if (facts.balance !== undefined)
    rows.push([
      'Balance',
      <span key="value" className="number">
        {formatNumber(facts.balance)}
      </span>,
    ])
  if (facts.expiresAt) {
    rows.push([
      'Expires',
      <span key="value">
        {formatDate(facts.expiresAt)}
        {expiry ? <span className={`fact-aside expiry-${expiry.tone}`}>{expiry.text}</span> : null}
      </span>,
    ])
  }

  return (
    <section className="facts" aria-label={`What ${providerName} said`}>
      <h3 className="detail-section-title">
        What {providerName} said
        <time className="facts-time" dateTime={facts.observedAt} title={formatDateTime(facts.observedAt)}>
          as of {describeTimeAgo(facts.observedAt, now)}
        </time>
      </h3>
      {rows.length > 0 ? (
        <dl className="facts-list">
          {rows.map(([label, value]) => (
            <div key={label} className="facts-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted facts-empty">It accepted the key and told nothing more about it.</p>
      )}
    </section>
  )
}
