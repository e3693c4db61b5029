// Counts in words for main's messages and the CLI's output: "1 key", "3 keys", "2 seconds".
// One home, so every command says a count the same way (the renderer has its own, with thousands
// separators, in renderer/src/format/countNoun.ts: the renderer cannot import main).
export const countNoun = (count: number, singular: string, plural = `${singular}s`): string =>
  `${count} ${count === 1 ? singular : plural}`

/** A wait in whole seconds, rounded up and never "0 seconds": "1 second", "12 seconds". */
export const secondsIn = (milliseconds: number): string =>
  countNoun(Math.max(1, Math.ceil(milliseconds / 1000)), 'second')
