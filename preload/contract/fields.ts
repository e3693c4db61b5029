// The contract's field schemas: a key's name and value, master passwords, dates, env var names and
// the environment, each with the words a refused field is told in.
import { z } from 'zod'
import { ENVIRONMENTS } from '../contractWords'
import { utf8Length } from './parts'

/** Largest secret value or note accepted across the bridge (64 KiB). */
export const MAX_VALUE_BYTES = 64 * 1024

export const Environment = z.enum(ENVIRONMENTS)
export type Environment = z.infer<typeof Environment>

export const KeyName = z
  .string()
  .trim()
  .min(1, { message: 'A key needs a name' })
  .max(200, { message: 'A key name is at most 200 characters' })
export const SecretValue = z
  .string()
  .min(1, { message: 'The key value is empty' })
  .refine((value) => utf8Length(value) <= MAX_VALUE_BYTES, {
    message: 'The key value is larger than 64 KB',
  })
export const MasterPassword = z
  .string()
  .min(1, { message: 'Enter the master password' })
  .max(1024, { message: 'The master password is longer than 1024 characters' })
export const NewMasterPassword = MasterPassword.refine((password) => password.length >= 8, {
  message: 'A master password needs at least 8 characters',
})

/** ISO 8601 date (YYYY-MM-DD) or date-time. */
export const IsoDate = z.iso.date().or(z.iso.datetime({ offset: true }))
export const EnvVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'An env var name uses letters, digits and _' })
  .max(200)
