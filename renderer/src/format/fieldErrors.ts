// What a form says beside a field: the contract's own check before anything is sent, and a refusal
// from main in the refused field's words, never the request's ("Invalid request to updateKey: …").
import type { z } from 'zod'
import type { ErrorBody } from '#contract'

/** A check for one field from its contract schema: the schema's first reason, or null when it passes. */
export const checkWith =
  (schema: z.ZodType) =>
  (value: unknown): string | null => {
    const parsed = schema.safeParse(value)
    return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'This value is not allowed here.')
  }

/** Main's refusal of a form, led by the refused field's label ("Env var: …") where the form shows it. */
export const formErrorMessage = (error: ErrorBody, labels: Record<string, string>): string => {
  const issue = error.issues?.[0]
  const label = issue ? labels[issue.path.at(-1) ?? ''] : undefined
  return issue && label ? `${label}: ${issue.message}` : fieldErrorMessage(error)
}

/** Main's refusal of a field's save, in words for that field (main's own refusals are in words already). */
export const fieldErrorMessage = (error: ErrorBody): string => error.issues?.[0]?.message ?? error.message
