// The test's side door into the stand-in: requests over the IPC channel of the process that spawned
// the app (process.send), answered with the same id. Without a parent (a person running the app by
// hand) there is no side door and dialogs and message boxes answer Cancel.
import type { ControlAnswer, ControlEnvelope, StandinState, WindowLoadedNotice } from './controlMessages'
import { app } from './lifecycle'
import { record } from './record'
import { clickNotification, holdNextMessageBox, powerMonitor, queueDialogAnswer, queueMessageBoxAnswer } from './system'

export const notifyTest = (notice: WindowLoadedNotice): void => {
  process.send?.(notice)
}

const answer = (request: ControlEnvelope): unknown => {
  switch (request.kind) {
    case 'answer-dialog':
      queueDialogAnswer(request.path)
      return { queued: true }
    case 'answer-message-box':
      queueMessageBoxAnswer(request.button)
      return { queued: true }
    case 'hold-message-box':
      holdNextMessageBox()
      return { queued: true }
    case 'power':
      powerMonitor.emit(request.event, { preventDefault: () => undefined, defaultPrevented: false })
      return { emitted: request.event }
    case 'click-notification':
      clickNotification(request.index)
      return { clicked: request.index }
    case 'state':
      return record satisfies StandinState
    case 'quit':
      app.quit()
      return { quitting: true }
  }
}

if (process.send) {
  process.on('message', (message: ControlEnvelope) => {
    let reply: ControlAnswer
    try {
      reply = { id: message.id, ok: true, result: answer(message) }
    } catch (error) {
      reply = { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }
    }
    process.send?.(reply)
  })
  // The test is gone: quit as a user would, so nothing is left running.
  process.on('disconnect', () => app.quit())
}
