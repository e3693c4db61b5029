// Secret references (keyward://KEY NAME, keyward://provider/environment/name): reading them, finding
// them in templates, resolving them against a vault's keys, keys as environment variables, and
// masking injected values in a command's output. Shared by the CLI (keyward run, keyward inject)
// and the app.
export {
  REFERENCE_SCHEME,
  decodeEscapes,
  formatNameReference,
  formatPathReference,
  isReference,
  parseReference,
  type ParsedReference,
  type ReferencePath,
} from './referenceSyntax'
export {
  ReferenceResolver,
  emptyValueProblem,
  isEmptyValue,
  referenceFor,
  resolveReference,
  type ReferenceProblem,
  type ReferenceProblemKind,
  type ReferenceResolution,
  type ReferenceableKey,
} from './referenceResolver'
export {
  fillTemplate,
  findTemplateReferences,
  type TemplateProblem,
  type TemplateReference,
  type TemplateReferences,
} from './templateReferences'
export {
  TemplatePlaces,
  injectionProblem,
  templateFormatOf,
  type TemplateFormat,
  type TemplatePlace,
} from './templateInjection'
export {
  defaultEnvVarName,
  envLineFor,
  resolveEnvironmentView,
  type EnvironmentVariableStatus,
  type EnvironmentVariableView,
  type ProviderVariables,
  type VariableSource,
} from './environmentVariables'
export { OutputMasker, createMaskingStream } from '../common/outputMasker'
export { suggestNames } from './nameSuggestions'
export { quotedName, shownText } from '../common/shownText'
