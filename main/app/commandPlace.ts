// Where the app's own keyward command is, for "Install the keyward command" (main/ipc/commandInstall.ts):
// resources/cli in a package, dist-cli (npm run build:cli) beside the built app in development. And the
// menu's entry: it installs from main and says the outcome in a message box (the page is not involved).
import { join } from 'node:path'
import type { CommandStatus } from '#contract'
import { isKeywardError } from '../common/errors'
import type { CommandInstaller, ServiceOptions } from '../ipc/index'

export interface CommandPlaceInput {
  isPackaged: boolean
  /** Electron's process.resourcesPath (the package's resources folder). */
  resourcesPath: string | undefined
  /** The folder of out/main/index.js. */
  mainDirectory: string
  platform: NodeJS.Platform
  homeDirectory: string
  env: NodeJS.ProcessEnv
}

export const commandPlace = (input: CommandPlaceInput): NonNullable<ServiceOptions['command']> => ({
  platform: input.platform,
  homeDirectory: input.homeDirectory,
  commandFolder: input.isPackaged
    ? input.resourcesPath === undefined
      ? null
      : join(input.resourcesPath, 'cli')
    : join(input.mainDirectory, '..', '..', 'dist-cli'),
  pathVariable: input.env['PATH'],
  // The AppImage runtime sets APPIMAGE to the image's own path for the program it mounts.
  fromAppImage: input.platform === 'linux' && input.isPackaged && Boolean(input.env['APPIMAGE']),
})

export interface MessageBoxLike {
  showMessageBox(options: {
    type: 'info' | 'error'
    message: string
    detail?: string
    buttons: string[]
  }): Promise<unknown>
}

/** The line naming another keyward that PATH finds first, when there is one. */
const shadowedLine = (status: CommandStatus): string | null =>
  status.shadowedBy && `The keyward found first on PATH is ${status.shadowedBy}.`

/** A message box's detail: the lines there are, or none. */
const linesOf = (...lines: (string | null)[]): string | undefined => lines.filter(Boolean).join('\n') || undefined

/** The menu's "Install the keyward command…": installs, then says what happened or why not. */
export const installCommandFromMenu = async (command: CommandInstaller, dialog: MessageBoxLike): Promise<void> => {
  const before = command.status()
  if (!before.canInstall) {
    const detail = linesOf(shadowedLine(before), before.adminCommand)
    await dialog.showMessageBox({ type: 'info', message: before.message, detail, buttons: ['OK'] })
    return
  }
  try {
    const { status, message } = command.install()
    const detail = linesOf(status.pathAdvice, shadowedLine(status))
    await dialog.showMessageBox({ type: 'info', message, detail, buttons: ['OK'] })
  } catch (error) {
    // Only Keyward's own messages are shown: they name paths, never anything secret.
    const message = isKeywardError(error) ? error.message : 'Keyward could not install the keyward command.'
    const admin = command.status().adminCommand
    await dialog.showMessageBox({ type: 'error', message, detail: admin ?? undefined, buttons: ['OK'] })
  }
}
