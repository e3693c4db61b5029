// The contract's rotation methods: due dates and states, periods, snoozes and the policy, the four
// steps of the rotate flow, a key's version history and the calendar of due dates.
import { definedOnly } from '../common/definedOnly'
import { exportCalendar } from '../rotation-service/index'
import type { HandlerTools, Handlers } from './handlerTypes'
import type { MainServices } from './services'

type RotationHandlers = Pick<
  Handlers,
  | 'getRotationOverview'
  | 'setRotationPeriod'
  | 'snoozeRotation'
  | 'getRotationPolicy'
  | 'setRotationPolicy'
  | 'startRotation'
  | 'testRotation'
  | 'promoteRotation'
  | 'confirmRotationRevoked'
  | 'cancelRotation'
  | 'getRotationFlow'
  | 'listRotationFlows'
  | 'copyRetiringKey'
  | 'listKeyVersionHistory'
  | 'exportRotationCalendar'
>

/** Rotation, each a call into the rotation service. */
export const createRotationHandlers = (
  { session, clipboard, dialogs, rotation, clock }: MainServices,
  { paced }: HandlerTools,
): RotationHandlers => ({
  getRotationOverview: () => rotation.overview(),
  setRotationPeriod: ({ id, days }) => rotation.setPeriod(id, days),
  snoozeRotation: ({ id, snooze }) => {
    const { status, plan } = rotation.snooze(id, snooze)
    return { status, message: plan?.message ?? null }
  },
  getRotationPolicy: () => rotation.policy(),
  setRotationPolicy: (changes) => rotation.setPolicy(definedOnly(changes)),
  startRotation: ({ id, value, expiresAt }) => rotation.startRotation(id, value, { expiresAt: expiresAt ?? null }),
  testRotation: ({ id }) => rotation.testNewValue(id),
  promoteRotation: ({ id, force }) => rotation.promote(id, { force: force ?? false }),
  confirmRotationRevoked: ({ id }) => rotation.confirmRevoked(id),
  cancelRotation: ({ id }) => {
    rotation.cancelRotation(id)
    return { canceled: true as const }
  },
  getRotationFlow: ({ id }) => rotation.flow(id),
  listRotationFlows: () => rotation.flows(),
  copyRetiringKey: async ({ id }) => ({
    clearsInSeconds: await clipboard.copySecret(paced(rotation.revealRetiringValue(id))),
  }),
  listKeyVersionHistory: ({ id }) => rotation.history(id),
  exportRotationCalendar: async () => {
    const vault = session.vault()
    const path = await dialogs.chooseExportPath('keyward-due-dates.ics')
    if (!path) return { canceled: true as const }
    const { count } = exportCalendar(vault, path, clock.now())
    return { canceled: false as const, path, count }
  },
})
