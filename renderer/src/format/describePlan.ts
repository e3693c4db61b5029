// A provider plan with its limits in words: "Starter — 1/s, 10/min, 600/day".
import type { ProviderSummary } from '#contract'

type Plan = NonNullable<ProviderSummary['authTest']>['plans'][number]

export const describeLimits = ({ limits }: Plan): string =>
  [
    limits.perSecond === undefined ? null : `${limits.perSecond.toLocaleString('en-US')}/s`,
    limits.perMinute === undefined ? null : `${limits.perMinute.toLocaleString('en-US')}/min`,
    limits.perDay === undefined ? null : `${limits.perDay.toLocaleString('en-US')}/day`,
  ]
    .filter(Boolean)
    .join(', ') || 'no stated limits'

export const describePlan = (plan: Plan): string => `${plan.name} — ${describeLimits(plan)}`

/** Plans with the same limits as one line ("Starter, Basic — 1/s, 10/min, 600/day"), in the order given. */
export const groupPlansByLimits = (plans: Plan[]): { names: string[]; ids: string[]; limits: string }[] => {
  const groups: { names: string[]; ids: string[]; limits: string }[] = []
  for (const plan of plans) {
    const limits = describeLimits(plan)
    const group = groups.find((entry) => entry.limits === limits)
    if (group) {
      group.names.push(plan.name)
      group.ids.push(plan.id)
    } else groups.push({ names: [plan.name], ids: [plan.id], limits })
  }
  return groups
}
