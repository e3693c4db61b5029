// The bridge's main side: the contract's handlers, the services they call, and their binding to
// ipcMain with the sender check. main/app and the e2e harness use it from here.
export {
  createHandlers,
  createServices,
  disposeServices,
  invokeMethod,
  type Handlers,
  type MainServices,
  type ServiceOptions,
} from './handlers'
export type { Dialogs } from './dialogs'
export type { CommandInstaller } from './commandInstall'
export { registerContractHandlers, type IpcMainLike, type InvokeMethod } from './register'
export {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  createSenderCheck,
  isAppUrl,
  isTrustedFrame,
  type SenderEventLike,
  type SenderFrameLike,
  type TrustedOriginOptions,
} from './senderCheck'
export type { Confirmations, WideningRequest } from './confirmations'
export { VALUE_ALLOWANCE, ValuePacer } from './valuePacing'
