// An object without its undefined entries: a partial change where "left out" and "undefined" mean the
// same, spread over a whole record without blanking the fields it does not name.
export const definedOnly = <Value extends object>(value: Value): Partial<Value> =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<Value>
