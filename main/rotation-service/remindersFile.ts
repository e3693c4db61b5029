// What the app keeps outside the vault so that a locked app can still remind: a small plaintext
// file beside the vault (<vault>.reminders.json) with dates and counts only, never a key's name,
// id or value. The unlocked app rewrites it at every check; a locked check announces the changes
// it schedules ("2 keys are overdue for rotation") and moves its announcedThrough mark.
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { writePrivateFileAtomically } from '../common/privateFile'

/** The states a reminder is about (ok is not). */
export const REMINDER_STATES = ['expired', 'overdue', 'due_soon', 'leaked', 'revoked'] as const
export type ReminderState = (typeof REMINDER_STATES)[number]

const StateCounts = z
  .object(
    Object.fromEntries(REMINDER_STATES.map((state) => [state, z.number().int().min(0).optional()])) as Record<
      ReminderState,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict()
export type StateCounts = Partial<Record<ReminderState, number>>

export const ReminderSchedule = z
  .object({
    format: z.literal('keyward-reminders'),
    version: z.literal(1),
    /** When the unlocked app last wrote the schedule. */
    computedAt: z.iso.datetime(),
    /** Changes up to this time have been announced (by name while unlocked, by count while locked). */
    announcedThrough: z.iso.datetime(),
    /** From computedAt on: at each time, the keys needing action per state, and how many enter a state then. */
    entries: z
      .array(z.object({ at: z.iso.datetime(), counts: StateCounts, entering: StateCounts }).strict())
      .max(10_000),
  })
  .strict()
export type ReminderSchedule = z.infer<typeof ReminderSchedule>

export const remindersPathFor = (vaultPath: string): string => `${vaultPath}.reminders.json`

/** The schedule, or null when there is none yet or it cannot be read (it is rebuilt at the next unlock). */
export const readReminderSchedule = (path: string): ReminderSchedule | null => {
  if (!existsSync(path)) return null
  try {
    const parsed = ReminderSchedule.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Written whole or not at all, readable by the user only. */
export const writeReminderSchedule = (path: string, schedule: ReminderSchedule): void => {
  writePrivateFileAtomically(path, `${JSON.stringify(ReminderSchedule.parse(schedule), null, 2)}\n`, { replace: true })
}

export const sumCounts = (counts: StateCounts): number =>
  REMINDER_STATES.reduce((total, state) => total + (counts[state] ?? 0), 0)

/** The counts in force at a time: those of the last entry at or before it. */
export const countsAt = (schedule: ReminderSchedule, now: number): StateCounts => {
  let counts: StateCounts = {}
  for (const entry of schedule.entries) {
    if (Date.parse(entry.at) > now) break
    counts = entry.counts
  }
  return counts
}

/** The first scheduled change after a time, if any. */
export const nextEntryAfter = (schedule: ReminderSchedule, now: number): number | null => {
  const next = schedule.entries.find((entry) => Date.parse(entry.at) > now)
  return next ? Date.parse(next.at) : null
}
