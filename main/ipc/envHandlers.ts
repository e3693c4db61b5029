// The contract's .env methods: importing a file the user chose in main's dialog (values stay in main),
// copying a key's env line or reference, an environment seen as references, and the exports.
import { basename } from 'node:path'
import type { Environment } from '#contract'
import { KeywardError } from '../common/errors'
import { buildEnvExport, parseEnvFile, previewImportEntries, readEnvFileText, writeEnvFile } from '../envfile/index'
import { providersOf } from '../key-test-service/index'
import { defaultEnvVarName, envLineFor, referenceFor, resolveEnvironmentView } from '../reference-service/index'
import type { OpenVault } from '../vault/index'
import type { HandlerTools, Handlers } from './handlerTypes'
import type { MainServices } from './services'

const allKeys = (keys: OpenVault['keys']) => keys.list({ limit: 1_000_000 }).keys

const providerVariables = (vault: OpenVault) =>
  providersOf(vault).map(({ definition }) => ({ id: definition.id, envVar: definition.envVar }))

const environmentView = (vault: OpenVault, environment: Environment) =>
  resolveEnvironmentView(allKeys(vault.keys), environment, providerVariables(vault))

type EnvImportHandlers = Pick<Handlers, 'previewEnvImport' | 'importEnv'>

/** Importing a .env file: its preview, then the lines the user chose. */
export const createEnvImportHandlers = ({ session, dialogs, pendingImports }: MainServices): EnvImportHandlers => ({
  previewEnvImport: async () => {
    const keys = session.keys()
    const path = await dialogs.chooseEnvFileToImport()
    if (!path) return { canceled: true as const }
    const { entries, problems } = parseEnvFile(readEnvFileText(path))
    return {
      canceled: false as const,
      importId: pendingImports.add(entries),
      fileName: basename(path),
      problems,
      entries: previewImportEntries(
        entries,
        keys,
        providersOf(session.vault()).map((entry) => entry.definition),
      ),
    }
  },
  importEnv: ({ importId, entries: chosen }) => {
    const keys = session.keys()
    const parsed = new Map(pendingImports.take(importId).map((entry) => [entry.line, entry]))
    const newKeys = chosen.map((choice) => {
      const entry = parsed.get(choice.line)
      if (!entry) throw new KeywardError('invalid_argument', `Line ${choice.line} of the file holds no key to import.`)
      return {
        name: choice.name,
        value: entry.value,
        provider: choice.provider,
        environment: choice.environment,
        envVar: entry.variable,
      }
    })
    return { imported: keys.addMany(newKeys, 'imported').length }
  },
})

type EnvExportHandlers = Pick<
  Handlers,
  | 'copyKeyEnvLine'
  | 'copyKeyReference'
  | 'getEnvironmentView'
  | 'copyEnvironmentTemplate'
  | 'exportEnvironmentTemplate'
  | 'exportEnv'
>

/** A key's env line and reference, an environment's view and template, and its exports. */
export const createEnvExportHandlers = (
  { session, clipboard, dialogs, clock }: MainServices,
  { paced }: HandlerTools,
): EnvExportHandlers => ({
  copyKeyEnvLine: async ({ id }) => {
    const vault = session.vault()
    const key = vault.keys.get(id)
    const variable = defaultEnvVarName(key, providerVariables(vault))
    return {
      variable,
      clearsInSeconds: await clipboard.copySecret(envLineFor(variable, paced(vault.keys.revealValue(id)))),
    }
  },
  copyKeyReference: async ({ id }) => {
    const keys = session.keys()
    const reference = referenceFor(keys.get(id), allKeys(keys))
    await clipboard.copyText(reference)
    return { reference }
  },
  getEnvironmentView: ({ environment }) => environmentView(session.vault(), environment),
  copyEnvironmentTemplate: async ({ environment }) => {
    const view = environmentView(session.vault(), environment)
    if (view.variables.length === 0)
      throw new KeywardError('not_found', `There are no ${environment} keys to make a template of.`)
    await clipboard.copyText(view.template)
    return { count: view.variables.length }
  },
  exportEnvironmentTemplate: async ({ environment }) => {
    const view = environmentView(session.vault(), environment)
    if (view.variables.length === 0)
      throw new KeywardError('not_found', `There are no ${environment} keys to make a template of.`)
    const path = await dialogs.chooseExportPath(`${environment}.env.template`)
    if (!path) return { canceled: true as const }
    writeEnvFile(
      path,
      `# ${environment} keys as keyward:// references: fill with "keyward inject", or run with "keyward run".\n${view.template}`,
    )
    return { canceled: false as const, path, count: view.variables.length }
  },
  exportEnv: async ({ environment }) => {
    const keys = session.keys()
    const rows = keys.valuesForExport(environment)
    if (rows.length === 0) {
      throw new KeywardError('not_found', `There are no ${environment} keys to export.`)
    }
    const path = await dialogs.chooseExportPath(`keyward-${environment}.env`)
    if (!path) return { canceled: true as const }
    const { text, count } = buildEnvExport(rows, environment, new Date(clock.now()))
    writeEnvFile(path, text)
    return { canceled: false as const, path, count }
  },
})
