// A date and time in the OS locale (Intl), for names people pick from: "7 Dec 2026, 14:05" in one
// locale, "Dec 7, 2026, 2:05 PM" in another.
const LOCAL_DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export const formatLocalDateTime = (iso: string): string => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : LOCAL_DATE_TIME.format(date)
}
