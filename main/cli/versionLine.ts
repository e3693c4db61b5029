// What `keyward --version` prints: which keyward this is and the newest vault schema it can open
// (an older keyward earlier on PATH shows itself here).
import { version } from '../../package.json'
import { LATEST_SCHEMA_VERSION } from '../vault/index'

export const VERSION_LINE = `keyward ${version} (vault schema ${LATEST_SCHEMA_VERSION})`
