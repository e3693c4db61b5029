// The door into main/cli for the Electron app: the app serves the keyward command's protocol while
// it is unlocked (the open app as the agent). The command itself starts from keyward.mjs, not here.
export { serveCommandsWhileUnlocked, type AppAgentOptions, type ServedSession } from './agent/appServer'
export {
  PROMPT_TIMEOUT_MS,
  requestInWords,
  type AskUser,
  type CommandPrompt,
  type PromptAnswer,
} from './agent/appApprovals'
