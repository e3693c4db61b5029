// What `keyward --version` prints: which keyward this is and the newest vault schema it can open
// (an older keyward earlier on PATH shows itself here). Cheap to load: no vault module, no native part.
import { version } from '../../package.json'
import { VAULT_SCHEMA_VERSION } from '../common/vaultSchema'

export const VERSION_LINE = `keyward ${version} (vault schema ${VAULT_SCHEMA_VERSION})`
