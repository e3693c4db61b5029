// "1 key", "3 keys": counts in words, the way the status line and dialogs say them.
export const countNoun = (count: number, singular: string, plural = `${singular}s`): string =>
  `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`
