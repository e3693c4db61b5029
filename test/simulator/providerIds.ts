// The five simulated providers, named as in main/providers/definitions, and the host each one answers as.
export const simulatedProviders = ['clodura', 'cloro', 'agentclara', 'airclou', 'clipia'] as const
export type ProviderId = (typeof simulatedProviders)[number]

/** The real API host of each provider; Cloro's docs name none, so api.cloro.dev is the simulator's. */
export const providerHostnames: Record<ProviderId, string> = {
  clodura: 'api.clodura.ai',
  cloro: 'api.cloro.dev',
  agentclara: 'api.agentclara.app',
  airclou: 'app.airclou.com',
  clipia: 'api.clipia.ai',
}
