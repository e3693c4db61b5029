// Rotation reminders and the rotate flow: due dates and states, the Rotation panel's order and
// counts, snoozes, the flow from a pasted new value to the old one revoked, reminders (by name while
// unlocked, by count while locked), the calendar export and `keyward due`.
export {
  computeRotation,
  boundariesAfter,
  dueInWords,
  wholeDaysUntil,
  DAY_MILLISECONDS,
  ROTATION_STATES,
  FAILING_STATES,
  type RotationFacts,
  type RotationState,
  type KeyRotationStatus,
  type PeriodSource,
  type ExpirySource,
} from './computeRotation'
export {
  checkPeriodDays,
  checkPolicy,
  MIN_PERIOD_DAYS,
  MAX_PERIOD_DAYS,
  MAX_LEAD_TIMES,
  MAX_LEAD_TIME_DAYS,
  MAX_SNOOZE_DAYS_LIMIT,
} from './rotationPolicy'
export { sortByUrgency, compareByUrgency, countByState, badgeCount, type RotationCounts } from './urgency'
export { planSnooze, type SnoozePlan, type SnoozeRequest } from './snooze'
export {
  RotationService,
  describeFlow,
  rotationFactsOf,
  allRotationFacts,
  providerPeriods,
  type RotationServiceOptions,
  type VaultRotationOverview,
  type RotationFlowStep,
  type TestValue,
} from './rotationService'
export { testValueWithAuthTester } from './testValueSeam'
export {
  checkRemindersUnlocked,
  checkRemindersLocked,
  buildReminderSchedule,
  describeReminder,
  notificationsFromCounts,
  isNews,
  MAX_SEPARATE_NOTIFICATIONS,
  SCHEDULE_HORIZON_DAYS,
  MAX_SCHEDULE_ENTRIES,
  type RotationNotification,
  type ReminderCheck,
} from './reminders'
export {
  remindersPathFor,
  readReminderSchedule,
  writeReminderSchedule,
  countsAt,
  ReminderSchedule,
  REMINDER_STATES,
  type ReminderState,
  type StateCounts,
} from './remindersFile'
export { ReminderScheduler, type Notifier, type ReminderSchedulerOptions } from './reminderScheduler'
export { buildCalendar, exportCalendar, escapeText, foldLine, type CalendarOptions } from './calendar'
export { dueReport, failsDueCheck, type DueReport, type DueReportEntry } from './dueReport'
