// A provider of the user's own for tests: Acme, whose live keys start "acme_live_", with no auth test
// (so Keyward can recognise its keys but not test them). Tests spread it and change what they need.
export const acmeProvider = {
  id: 'acme',
  name: 'Acme',
  envVar: 'ACME_KEY',
  prefixes: [{ prefix: 'acme_live_', environment: 'live' }],
  variableHints: ['ACME'],
  hosts: ['api.acme.example'],
  scopes: null,
  rotationPeriodDays: 30,
  authTest: null,
}
