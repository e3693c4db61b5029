// The contract's fixed words (environments, error codes) without zod: the command line's quick paths
// (a command the unlocked agent answers) check against them without loading the contract's schemas.
// contract.ts builds its schemas from these and exports them again; import them from either.

export const ENVIRONMENTS = ['live', 'test', 'other'] as const

export const ERROR_CODES = [
  'invalid_argument',
  'forbidden_sender',
  'vault_missing',
  'vault_exists',
  'vault_locked',
  'vault_corrupt',
  'vault_busy',
  'wrong_password',
  'not_found',
  'duplicate_name',
  'import_expired',
  'not_testable',
  'rate_limited',
  /** The user declined main's confirmation of a change that widens where keys are sent; nothing changed. */
  'not_confirmed',
  /** More values were shown or copied than the allowance: type the master password again (confirmMasterPassword). */
  'reauth_required',
  'io_error',
  'internal',
] as const
