// Per-provider settings the user chose (a base URL for a staging host or a proxy, a CA certificate
// to trust) and the user's own provider definitions, kept inside the vault.
import type { Database } from 'better-sqlite3-multiple-ciphers'
import { StoreOnDatabase } from './storeOnDatabase'

export interface StoredProviderSettings {
  baseUrl: string | null
  caCertificateName: string | null
  caCertificatePem: string | null
}

const NO_SETTINGS: StoredProviderSettings = { baseUrl: null, caCertificateName: null, caCertificatePem: null }

export class ProviderStore extends StoreOnDatabase {
  constructor(
    database: Database,
    vaultPath: string,
    private readonly now: () => Date,
  ) {
    super(database, vaultPath)
  }

  settings(providerId: string): StoredProviderSettings {
    const row = this.database
      .prepare('SELECT base_url, ca_certificate_name, ca_certificate_pem FROM provider_settings WHERE provider_id = ?')
      .get(providerId) as
      | { base_url: string | null; ca_certificate_name: string | null; ca_certificate_pem: string | null }
      | undefined
    if (!row) return NO_SETTINGS
    return {
      baseUrl: row.base_url,
      caCertificateName: row.ca_certificate_name,
      caCertificatePem: row.ca_certificate_pem,
    }
  }

  setBaseUrl(providerId: string, baseUrl: string | null): void {
    this.upsert(providerId, { ...this.settings(providerId), baseUrl })
  }

  setCaCertificate(providerId: string, certificate: { name: string; pem: string } | null): void {
    this.upsert(providerId, {
      ...this.settings(providerId),
      caCertificateName: certificate?.name ?? null,
      caCertificatePem: certificate?.pem ?? null,
    })
  }

  /** The user's own definitions, as the JSON text they saved. */
  customDefinitions(): { id: string; definition: string }[] {
    return this.prepare('SELECT id, definition FROM custom_providers ORDER BY id').all() as {
      id: string
      definition: string
    }[]
  }

  saveCustom(id: string, definition: string): void {
    this.write(() =>
      this.database
        .prepare(
          `INSERT INTO custom_providers (id, definition, saved_at) VALUES (?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, saved_at = excluded.saved_at`,
        )
        .run(id, definition, this.now().toISOString()),
    )
  }

  deleteCustom(id: string): boolean {
    return this.write(() => this.prepare('DELETE FROM custom_providers WHERE id = ?').run(id).changes > 0)
  }

  private upsert(providerId: string, settings: StoredProviderSettings): void {
    this.write(() =>
      this.database
        .prepare(
          `INSERT INTO provider_settings (provider_id, base_url, ca_certificate_name, ca_certificate_pem) VALUES (?, ?, ?, ?)
           ON CONFLICT (provider_id) DO UPDATE SET base_url = excluded.base_url,
             ca_certificate_name = excluded.ca_certificate_name, ca_certificate_pem = excluded.ca_certificate_pem`,
        )
        .run(providerId, settings.baseUrl, settings.caCertificateName, settings.caCertificatePem),
    )
  }
}
