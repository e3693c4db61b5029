// The built-in provider catalog: definitions are data files in ./definitions, checked against a
// schema when loaded, so a malformed definition fails loudly at start instead of misguessing keys.
import { ProviderDefinition } from './schema'
import agentclara from './definitions/agentclara.json'
import airclou from './definitions/airclou.json'
import aws from './definitions/aws.json'
import clipia from './definitions/clipia.json'
import clodura from './definitions/clodura.json'
import cloro from './definitions/cloro.json'
import github from './definitions/github.json'
import slack from './definitions/slack.json'
import stripe from './definitions/stripe.json'

const builtinDefinitions = [clodura, cloro, agentclara, airclou, clipia, stripe, github, aws, slack]

export const providerCatalog: readonly ProviderDefinition[] = builtinDefinitions.map((definition) =>
  ProviderDefinition.parse(definition),
)

export const findProvider = (idOrName: string): ProviderDefinition | undefined => {
  const wanted = idOrName.trim().toLowerCase()
  return providerCatalog.find((provider) => provider.id === wanted || provider.name.toLowerCase() === wanted)
}

export { ProviderDefinition }
