// Times as a person reads them: "just now", "5 min ago", "3 days ago", then a plain date.
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const formatDate = (iso: string): string => {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleDateString('en-CA') // YYYY-MM-DD, unambiguous everywhere
}

export const formatDateTime = (iso: string): string => {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${formatDate(iso)} ${date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`
}

export const describeTimeAgo = (iso: string, now = Date.now()): string => {
  const time = new Date(iso).getTime()
  if (Number.isNaN(time)) return iso
  const elapsed = now - time
  if (elapsed < MINUTE) return 'just now'
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`
  if (elapsed < 30 * DAY) {
    const days = Math.floor(elapsed / DAY)
    return `${days} ${days === 1 ? 'day' : 'days'} ago`
  }
  return formatDate(iso)
}

/** "in 12 days", "expired 3 days ago", "expires today" for an expiry date. */
export const describeExpiry = (iso: string, now = Date.now()): { text: string; tone: 'ok' | 'soon' | 'expired' } => {
  const time = new Date(iso.length === 10 ? `${iso}T23:59:59` : iso).getTime()
  if (Number.isNaN(time)) return { text: iso, tone: 'ok' }
  const days = Math.ceil((time - now) / DAY)
  if (time < now) {
    const ago = Math.max(1, Math.floor((now - time) / DAY))
    return { text: `expired ${ago} ${ago === 1 ? 'day' : 'days'} ago`, tone: 'expired' }
  }
  if (days <= 1) return { text: 'expires today', tone: 'soon' }
  if (days < 60) return { text: `in ${days} days`, tone: days <= 14 ? 'soon' : 'ok' }
  if (days < 730) return { text: `in ${Math.round(days / 30.4)} months`, tone: 'ok' }
  return { text: `in ${Math.round(days / 365.25)} years`, tone: 'ok' }
}
