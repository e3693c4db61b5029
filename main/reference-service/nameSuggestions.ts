// "Did you mean …": the names closest to one that was not found (key names, references).

const editDistance = (left: string, right: string): number => {
  const a = Array.from(left)
  const b = Array.from(right)
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}

/** Up to `limit` names close to the wanted one (case-insensitive), closest first. */
export const suggestNames = (wanted: string, names: readonly string[], limit = 3): string[] => {
  const target = wanted.trim().toLowerCase()
  const threshold = Math.max(2, Math.floor(Array.from(target).length / 3))
  return names
    .map((name) => {
      const candidate = name.toLowerCase()
      const whole = editDistance(target, candidate)
      // A mistyped start of a longer name ("clipa" for "Clipia prod") counts as close too.
      const start = editDistance(target, Array.from(candidate).slice(0, Array.from(target).length).join('')) + 1
      const contains = target.length >= 3 && (candidate.includes(target) || target.includes(candidate))
      return { name, score: contains ? 1 : Math.min(whole, start) }
    })
    .filter(({ score }) => score <= threshold)
    .sort((left, right) => left.score - right.score || left.name.localeCompare(right.name))
    .slice(0, limit)
    .map(({ name }) => name)
}
