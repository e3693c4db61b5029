// What a job would hand the process that asks for it, named before it is done: the open app shows
// this to the user and waits for an answer before it does any job that gives out values. Jobs that
// answer masked keys or reports (list, due, scan) give nothing out; a test gives values only to the
// provider's own hosts unless the command sends them elsewhere for this run.
import type { z } from 'zod'
import { KeywardError } from '../../common/errors'
import type { OpenVault } from '../../vault/index'
import { listAllKeys, findKeyByName, resolveReferenceValues } from '../keyLookup'
import { prepareInjection } from '../keyInjection'
import { jobInputs } from './jobs'
import type { JobName } from './protocol'

export interface ValuesAsked {
  /** How a person would have typed the command: "keyward run", "keyward read". */
  command: string
  /** The keys whose values the job gives out, by name. */
  keyNames: string[]
  /** Hosts outside the vault's settings that keys would be sent to (a test's --base-url), else empty. */
  sentTo: string[]
  /** A test trusting a CA certificate the command brought. */
  extraCa: boolean
}

const checked = <Name extends JobName>(name: Name, input: unknown): z.output<(typeof jobInputs)[Name]> => {
  const parsed = (jobInputs[name] as unknown as z.ZodType<z.output<(typeof jobInputs)[Name]>>).safeParse(input)
  if (!parsed.success)
    throw new KeywardError(
      'invalid_argument',
      `The request for ${name} is not valid: ${parsed.error.issues[0]?.message ?? 'wrong shape'}.`,
    )
  return parsed.data
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host
  } catch {
    return url.slice(0, 200)
  }
}

/**
 * The values the job would give out, or null when it gives none. Reads the vault as the job will
 * (a job that would fail is left to fail when done: nothing is asked for nothing).
 */
export const valuesAskedBy = (vault: OpenVault, name: JobName, input: unknown): ValuesAsked | null => {
  const asked = (command: string, keyNames: string[], sentTo: string[] = [], extraCa = false): ValuesAsked | null =>
    keyNames.length === 0 ? null : { command, keyNames, sentTo, extraCa }
  switch (name) {
    case 'list':
    case 'due':
    case 'scan':
      return null
    case 'run': {
      const { references, subject: _subject, ...options } = checked('run', input)
      try {
        return asked('keyward run', prepareInjection(vault, { ...options, mask: true }, references).keyNames)
      } catch {
        return null
      }
    }
    case 'resolve': {
      const { references, audit } = checked('resolve', input)
      const found = resolveReferenceValues(vault.keys, references).flatMap((result) =>
        result.ok ? [result.keyName] : [],
      )
      return asked(audit.action === 'value read' ? 'keyward read' : 'keyward inject', [...new Set(found)])
    }
    case 'export': {
      const { env } = checked('export', input)
      return asked(
        'keyward export',
        listAllKeys(vault.keys, { environment: env }).map((key) => key.name),
      )
    }
    case 'test': {
      const test = checked('test', input)
      if (test.baseUrls.length === 0 && test.extraCa === null) return null
      let keyNames: string[]
      try {
        keyNames = test.all
          ? listAllKeys(vault.keys).map((key) => key.name)
          : test.names.map((one) => findKeyByName(vault.keys, one).name)
      } catch {
        return null
      }
      return asked(
        'keyward test',
        [...new Set(keyNames)],
        test.baseUrls.map(({ url }) => hostOf(url)),
        test.extraCa !== null,
      )
    }
  }
}
