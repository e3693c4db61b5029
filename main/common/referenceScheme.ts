// What makes a text a secret reference (keyward://…): on the common shelf so that `keyward run`
// through the agent can pick out its reference variables without loading the references room, whose
// door brings the vault and the provider catalog. The syntax itself: references/referenceSyntax.ts.

export const REFERENCE_SCHEME = 'keyward://'

/** True when the text (a variable's whole value, say) is a reference. */
export const isReference = (text: string): boolean => text.trim().startsWith(REFERENCE_SCHEME)
