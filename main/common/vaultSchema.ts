// The newest vault schema this Keyward opens, as a bare number: `keyward --version` says it without
// loading the vault's modules. main/vault/file/migrations.ts refuses to load when its last migration has
// another number, so the two cannot drift apart.
export const VAULT_SCHEMA_VERSION = 9
