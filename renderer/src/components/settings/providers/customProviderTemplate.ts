// The definition the "Add a provider" editor starts from: every field of the schema filled with a
// plausible example, so a user edits rather than writes. The field notes beside the editor explain it.
export const CUSTOM_PROVIDER_TEMPLATE = `{
  "id": "acme",
  "name": "Acme",
  "envVar": "ACME_API_KEY",
  "prefixes": [
    { "prefix": "acme_live_", "environment": "live" },
    { "prefix": "acme_test_", "environment": "test" }
  ],
  "variableHints": ["ACME"],
  "hosts": ["api.acme.dev"],
  "scopes": null,
  "rotationPeriodDays": 90,
  "authTest": {
    "schemes": [
      { "id": "bearer", "label": "Authorization: Bearer", "header": "Authorization", "template": "Bearer {key}" }
    ],
    "defaultScheme": "bearer",
    "verify": { "method": "GET", "url": "https://api.acme.dev/v1/me" },
    "plans": [
      { "id": "free", "name": "Free", "limits": { "perSecond": 1, "perMinute": 30 } }
    ],
    "defaultPlan": "free",
    "rules": [
      { "when": { "status": 200, "json": true }, "outcome": "valid", "reason": "Acme accepted the key." },
      { "when": { "status": 401 }, "outcome": "invalid", "reason": "401: Acme does not know this key. Check it, or rotate it." },
      { "when": { "status": 403 }, "outcome": "forbidden", "reason": "403: the key is valid, but may not call this endpoint." },
      { "when": { "status": 429 }, "outcome": "rate_limited", "reason": "429: over the plan's rate limit." }
    ],
    "extract": { "plan": "plan", "message": ["error.message", "message"] }
  }
}
`

/** What each field means, shown beside the editor (JSON has no comments). */
export const CUSTOM_PROVIDER_FIELD_NOTES: [field: string, meaning: string][] = [
  ['id', 'lower-case letters, digits and -; not a built-in id'],
  ['prefixes', 'how its keys start, and which environment each prefix means'],
  ['variableHints', 'parts of .env names that point at it (ACME_KEY)'],
  ['hosts', 'the only HTTPS hosts a key is ever sent to'],
  ['scopes', 'null, or { "label": "scopes" | "permissions", "values": [...] }'],
  ['rotationPeriodDays', 'days between rotations the provider advises, or null'],
  ['authTest', 'null if keys cannot be tested'],
  ['schemes', 'headers the key can go in; template holds {key}'],
  ['verify', 'a read-only GET on one of hosts, or null: each key names its own'],
  ['plans', 'rate limits per plan (perSecond, perMinute, perDay)'],
  [
    'rules',
    'first match wins: when { status, json, jsonHas, jsonEquals, bodyIncludes } → outcome and the sentence shown',
  ],
  ['extract', 'dotted paths in a valid answer: permissions, keyId, expiresAt, credits, balance, plan, message'],
]
