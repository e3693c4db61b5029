// The order Array.prototype.sort gives without a compare (by each element's text, UTF-16 code units),
// written out: lint asks every sort for its compare, and the tests' expected lists are in this order.
export const byText = (a: unknown, b: unknown): number => {
  const left = String(a)
  const right = String(b)
  return left < right ? -1 : left > right ? 1 : 0
}
