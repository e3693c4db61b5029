// Which reminders to show, once per change of a key's state: by name while the vault is unlocked
// (the vault keeps the last state each key was announced in), by count while it is locked (from the
// schedule of dates and counts the unlocked app left beside the vault).
import type { RotationPolicy } from '#contract'
import type { OpenVault } from '../vault/index'
import {
  boundariesAfter,
  computeRotation,
  DAY_MILLISECONDS,
  type RotationFacts,
  type KeyRotationStatus,
} from './computeRotation'
import {
  REMINDER_STATES,
  countsAt,
  readReminderSchedule,
  sumCounts,
  writeReminderSchedule,
  type ReminderSchedule,
  type ReminderState,
  type StateCounts,
} from './remindersFile'
import { allRotationFacts } from './rotationService'

export interface RotationNotification {
  title: string
  body: string
  /** The key to open on a click; null for a notification about several keys or shown while locked. */
  keyId: string | null
  /** 'due_soon:7', 'overdue', …, or 'summary'. */
  level: string
}

export interface ReminderCheck {
  notifications: RotationNotification[]
  /** Keys needing action (the badge or tray count). */
  badge: number
  counts: StateCounts
  /** Set when the schedule beside the vault could not be written (the check itself went on). */
  scheduleError: string | null
}

/** More changes than this at once are told in one notification, so a first run does not flood the screen. */
export const MAX_SEPARATE_NOTIFICATIONS = 3
/** How far ahead the locked schedule looks; it is rewritten at every unlocked check. */
export const SCHEDULE_HORIZON_DAYS = 400
/** Most entries the schedule keeps (changes are grouped by the hour). */
export const MAX_SCHEDULE_ENTRIES = 1000
const HOUR_MILLISECONDS = 3_600_000
const hourSlot = (time: number): number => Math.ceil(time / HOUR_MILLISECONDS) * HOUR_MILLISECONDS

// Due soon (largest lead first), then overdue, then expired: moving down this line is news;
// moving up it (a longer period, a new expiry) is not.
const timeUrgency = (level: string): number | null => {
  if (level.startsWith('due_soon:')) return 1 / (1 + Number(level.slice('due_soon:'.length)))
  if (level === 'overdue') return 2
  if (level === 'expired') return 3
  return null
}

/** Whether moving from the last announced level to this one is worth telling. */
export const isNews = (lastLevel: string, level: string): boolean => {
  if (level === 'ok' || level === 'snoozed' || level === lastLevel) return false
  const before = timeUrgency(lastLevel)
  const after = timeUrgency(level)
  return !(before !== null && after !== null && after <= before)
}

const keys = (count: number): string => (count === 1 ? '1 key' : `${count} keys`)

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** The words of one key's reminder; with `named` false, no name (the policy says so, or the vault is locked). */
export const describeReminder = (status: KeyRotationStatus, named: boolean): RotationNotification => {
  const who = named ? `"${status.name}"` : 'A key'
  const why = capitalized(status.dueReason)
  const base = { keyId: named ? status.keyId : null, level: status.notificationLevel }
  switch (status.state) {
    case 'due_soon':
      return {
        ...base,
        title: `${who} is due for rotation ${status.dueInWords}`,
        body: `${why}. Rotate it or snooze the reminder in Keyward.`,
      }
    case 'overdue':
      return {
        ...base,
        title: `${who} is overdue for rotation`,
        body: `${capitalized(status.dueInWords)} (${status.dueReason}). Rotate it in Keyward.`,
      }
    case 'expired':
      return {
        ...base,
        title: `${who} has expired`,
        body: `${capitalized(status.dueInWords)} (${status.expirySource === 'provider' ? 'expiry from the provider' : status.dueReason}). Rotate it in Keyward.`,
      }
    case 'revoked':
      return {
        ...base,
        title: `${who} was rejected by its provider`,
        body: 'Its last test was rejected (the key is revoked, deleted or mistyped at the provider). Rotate it in Keyward.',
      }
    case 'leaked':
      return {
        ...base,
        title: `${who} was found by the scanner`,
        body: 'Its value was found where it should not be. Rotate it in Keyward now.',
      }
    default:
      return { ...base, title: `${who} is fine`, body: '' }
  }
}

const STATE_WORDS: Record<ReminderState, (count: number) => string> = {
  due_soon: (count) => `${keys(count)} ${count === 1 ? 'is' : 'are'} due for rotation soon`,
  overdue: (count) => `${keys(count)} ${count === 1 ? 'is' : 'are'} overdue for rotation`,
  expired: (count) => `${keys(count)} ${count === 1 ? 'has' : 'have'} expired`,
  revoked: (count) =>
    `${keys(count)} ${count === 1 ? 'was' : 'were'} rejected by ${count === 1 ? 'its provider' : 'their providers'}`,
  leaked: (count) => `${keys(count)} ${count === 1 ? 'was' : 'were'} found by the scanner`,
}

const SHORT_WORDS: Record<ReminderState, string> = {
  expired: 'expired',
  overdue: 'overdue',
  due_soon: 'due soon',
  leaked: 'leaked',
  revoked: 'rejected',
}

/** One notification for several keys, by state, without names. */
const summaryOf = (counts: StateCounts, locked: boolean): RotationNotification => {
  const total = sumCounts(counts)
  const parts = REMINDER_STATES.filter((state) => counts[state]).map(
    (state) => `${counts[state]} ${SHORT_WORDS[state]}`,
  )
  return {
    title: `${keys(total)} need${total === 1 ? 's' : ''} attention`,
    body: `${parts.join(', ')}. ${locked ? 'Unlock Keyward to see which.' : "Open Keyward's Rotation panel."}`,
    keyId: null,
    level: 'summary',
  }
}

/** Per-state notifications from counts (the locked check), grouped when there are many. */
export const notificationsFromCounts = (entering: StateCounts): RotationNotification[] => {
  const states = REMINDER_STATES.filter((state) => entering[state])
  if (states.length === 0) return []
  if (states.length > MAX_SEPARATE_NOTIFICATIONS) return [summaryOf(entering, true)]
  return states.map((state) => ({
    title: STATE_WORDS[state](entering[state]!),
    body: 'Unlock Keyward to see which.',
    keyId: null,
    level: state,
  }))
}

const countsOf = (statuses: readonly KeyRotationStatus[]): StateCounts => {
  const counts: StateCounts = {}
  for (const status of statuses) {
    if (!status.needsAction) continue
    const state = status.state as ReminderState
    counts[state] = (counts[state] ?? 0) + 1
  }
  return counts
}

/** When a key entered the level it is in now (a snooze that ended counts as entering it again). */
const levelSince = (status: KeyRotationStatus, facts: RotationFacts, now: number): number | null => {
  const since = status.stateSince === null ? null : Date.parse(status.stateSince)
  const snoozeEnded = facts.snoozedUntil === null ? null : Date.parse(facts.snoozedUntil)
  if (snoozeEnded !== null && Number.isFinite(snoozeEnded) && snoozeEnded <= now)
    return Math.max(since ?? snoozeEnded, snoozeEnded)
  return since
}

/**
 * The schedule of dates and counts a locked app reminds from: from now on, at each time the clock
 * alone changes some key's state, the keys needing action per state and how many enter a state.
 */
export const buildReminderSchedule = (
  facts: readonly RotationFacts[],
  policy: RotationPolicy,
  now: number,
): ReminderSchedule => {
  const horizon = now + SCHEDULE_HORIZON_DAYS * DAY_MILLISECONDS
  const changes = new Map<number, { leaving: ReminderState[]; arriving: ReminderState[]; entering: ReminderState[] }>()
  const startStatuses: KeyRotationStatus[] = []
  for (const keyFacts of facts) {
    let previous = computeRotation(keyFacts, policy, now)
    startStatuses.push(previous)
    for (const time of boundariesAfter(keyFacts, policy, now)) {
      if (time > horizon) break
      const next = computeRotation(keyFacts, policy, time)
      if (next.notificationLevel !== previous.notificationLevel) {
        // Grouped by the hour (rounded up), so the file stays small with thousands of keys.
        const slot = hourSlot(time)
        const change = changes.get(slot) ?? { leaving: [], arriving: [], entering: [] }
        if (previous.needsAction) change.leaving.push(previous.state as ReminderState)
        if (next.needsAction) change.arriving.push(next.state as ReminderState)
        if (isNews(previous.notificationLevel, next.notificationLevel))
          change.entering.push(next.state as ReminderState)
        changes.set(slot, change)
      }
      previous = next
    }
  }
  const counts = countsOf(startStatuses)
  const at = new Date(now).toISOString()
  const entries: ReminderSchedule['entries'] = [{ at, counts: { ...counts }, entering: {} }]
  for (const slot of [...changes.keys()].sort((a, b) => a - b)) {
    if (entries.length >= MAX_SCHEDULE_ENTRIES) break
    const change = changes.get(slot)!
    for (const state of change.leaving) counts[state] = (counts[state] ?? 0) - 1
    for (const state of change.arriving) counts[state] = (counts[state] ?? 0) + 1
    const entering: StateCounts = {}
    for (const state of change.entering) entering[state] = (entering[state] ?? 0) + 1
    entries.push({ at: new Date(slot).toISOString(), counts: withoutZeros(counts), entering })
  }
  return { format: 'keyward-reminders', version: 1, computedAt: at, announcedThrough: at, entries }
}

const withoutZeros = (counts: StateCounts): StateCounts =>
  Object.fromEntries(Object.entries(counts).filter(([, count]) => count !== 0)) as StateCounts

/**
 * The unlocked check: the notifications for keys whose state changed since they were last
 * announced (one per change), recorded in the vault in one transaction; then the schedule beside
 * the vault is rewritten for the time the vault is locked.
 */
export const checkRemindersUnlocked = (vault: OpenVault, remindersPath: string, now: number): ReminderCheck => {
  const policy = vault.rotation.policy()
  const facts = allRotationFacts(vault)
  const statuses = facts.map((keyFacts) => computeRotation(keyFacts, policy, now))
  const announced = vault.rotation.notificationLevels()
  const previousSchedule = readReminderSchedule(remindersPath)
  const lockedFrom = previousSchedule ? Date.parse(previousSchedule.computedAt) : null
  // What a locked check could have told: scheduled (the entries end at the horizon or the cap) and announced.
  const lockedThrough = previousSchedule
    ? Math.min(
        Date.parse(previousSchedule.announcedThrough),
        Date.parse(previousSchedule.entries.at(-1)?.at ?? previousSchedule.computedAt),
      )
    : null
  const changed: { keyId: string; level: string }[] = []
  const news: KeyRotationStatus[] = []
  statuses.forEach((status, index) => {
    const last = announced.get(status.keyId)?.level ?? 'ok'
    if (status.notificationLevel === last) return
    changed.push({ keyId: status.keyId, level: status.notificationLevel })
    if (!isNews(last, status.notificationLevel)) return
    // Told already, by count, while the vault was locked.
    const since = levelSince(status, facts[index]!, now)
    const slot = since === null ? null : hourSlot(since)
    if (slot !== null && lockedFrom !== null && lockedThrough !== null && slot > lockedFrom && slot <= lockedThrough)
      return
    news.push(status)
  })
  let scheduleError: string | null = null
  try {
    writeReminderSchedule(remindersPath, buildReminderSchedule(facts, policy, now))
  } catch (error) {
    scheduleError = `Could not write the reminders file ${remindersPath}: ${(error as Error).message}`
  }
  vault.rotation.recordNotificationLevels(changed, new Date(now))
  const notifications =
    news.length > MAX_SEPARATE_NOTIFICATIONS
      ? [summaryOf(countsOf(news), false)]
      : news.map((status) => describeReminder(status, policy.nameKeysInNotifications))
  const counts = countsOf(statuses)
  return { notifications, badge: sumCounts(counts), counts, scheduleError }
}

/** The locked check: what the schedule says entered a state since the last announcement, by count. */
export const checkRemindersLocked = (remindersPath: string, now: number): ReminderCheck => {
  const schedule = readReminderSchedule(remindersPath)
  if (!schedule) return { notifications: [], badge: 0, counts: {}, scheduleError: null }
  const through = Date.parse(schedule.announcedThrough)
  const entering: StateCounts = {}
  for (const entry of schedule.entries) {
    const at = Date.parse(entry.at)
    if (at <= through || at > now) continue
    for (const state of REMINDER_STATES)
      if (entry.entering[state]) entering[state] = (entering[state] ?? 0) + entry.entering[state]!
  }
  const counts = countsAt(schedule, now)
  let scheduleError: string | null = null
  if (now > through) {
    try {
      writeReminderSchedule(remindersPath, { ...schedule, announcedThrough: new Date(now).toISOString() })
    } catch (error) {
      scheduleError = `Could not write the reminders file ${remindersPath}: ${(error as Error).message}`
    }
  }
  return { notifications: notificationsFromCounts(entering), badge: sumCounts(counts), counts, scheduleError }
}
