// Every date and time the app shows, in one format: the OS locale's, through Intl (the window's
// default locale is the system's). Dates are numeric (day, month, year in the locale's order) because
// that is how the date inputs beside them show a date: one format on the screen, inputs included.
// Also times as a person reads them: "just now", "5 min ago", "3 days ago", then a plain date.
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Built once: a formatter per call costs more than the rows that use it (thousands in a list). */
const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' })
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** What the app says for a key that never expires, shown and chosen in the same words. */
export const NO_EXPIRY = 'No expiry'

/** A date-only value ("2026-03-01", as a date input holds it) is that day where the user is, not UTC. */
const parseDate = (iso: string): Date => new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00` : iso)

export const formatDate = (iso: string): string => {
  const date = parseDate(iso)
  if (Number.isNaN(date.getTime())) return iso
  return DATE_FORMAT.format(date)
}

export const formatDateTime = (iso: string): string => {
  const date = parseDate(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${DATE_FORMAT.format(date)} ${TIME_FORMAT.format(date)}`
}

const CLOCK_FORMAT = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** A clock time to the second, for waits that are seconds away and runs that just ended. */
export const formatClockTime = (iso: string): string => {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return CLOCK_FORMAT.format(date)
}

/** A date input's value (YYYY-MM-DD, the one form the input takes) for a stored date, in local time. */
export const dateInputValue = (iso: string | null): string => {
  if (!iso) return ''
  const date = parseDate(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (part: number) => String(part).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
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

/** How long a background run took, as its summary says it: tenths under ten seconds, whole seconds after. */
export const formatRunSeconds = (seconds: number): string =>
  `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`
