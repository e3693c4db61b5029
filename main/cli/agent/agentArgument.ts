// The one argument that makes the single executable run as the agent process instead of a command:
// the executable has no separate agent file to hand to a Node, so keyward unlock starts itself with it.
// Not a word a user would type, and it takes nothing else from the command line.
export const AGENT_PROCESS_ARGUMENT = '--keyward-agent-process'
