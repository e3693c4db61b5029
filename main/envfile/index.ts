// .env files: read them for import (with line numbers for what is broken) and write exports.
export { parseEnvFile, type EnvFileEntry, type EnvFileProblem, type ParsedEnvFile } from './parseEnvFile'
export { formatEnvFile, quoteEnvValue, type EnvLine } from './formatEnvFile'
export { writeEnvFile } from './writeEnvFile'
export { looksLikeKey, entropyOf } from './looksLikeKey'
export { PendingImports } from './pendingImports'
export { envVarFor, envVarFromName } from './envVarName'
export { buildEnvExport, type EnvExport, type ExportRow } from './buildEnvExport'
export { readEnvFileText, MAX_ENV_FILE_BYTES } from './readEnvFileText'
