// The contract's provider type: what the window shows of a provider, built-in or the user's own.
import { z } from 'zod'
import { Environment } from './fields'

export const ProviderSummary = z.object({
  id: z.string(),
  name: z.string(),
  prefixes: z.array(z.object({ prefix: z.string(), environment: Environment })),
  envVar: z.string(),
  hosts: z.array(z.string()),
  scopes: z.object({ label: z.string(), values: z.array(z.string()) }).nullable(),
  rotationPeriodDays: z.number().nullable(),
  /** Null when Keyward cannot test this provider's keys. */
  authTest: z
    .object({
      schemes: z.array(z.object({ id: z.string(), label: z.string() })),
      defaultScheme: z.string(),
      plans: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          limits: z.object({
            perSecond: z.number().optional(),
            perMinute: z.number().optional(),
            perDay: z.number().optional(),
          }),
        }),
      ),
      defaultPlan: z.string().nullable(),
      /** Null: each key names its own verify URL. */
      verifyUrl: z.string().nullable(),
    })
    .nullable(),
  /** Where the user pointed this provider's tests instead (a staging host or a proxy). */
  baseUrl: z.string().nullable(),
  /** File name of an extra CA certificate trusted for this provider, when one is set. */
  caCertificate: z.string().nullable(),
  custom: z.boolean(),
})
export type ProviderSummary = z.infer<typeof ProviderSummary>
