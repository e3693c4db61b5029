// How the Scanner panel says where a finding is and how much a scan read.
import type { ScanFinding, ScanRunStatus } from '#contract'

/** The list's short badge; the detail says it in full (describePlace). */
export const KIND_LABELS: Record<ScanFinding['kind'], string> = {
  tree: 'Files',
  index: 'Staged',
  history: 'History',
}

/** Where in the repository, in a few words: "working tree, git-ignored", "history only". */
export const describePlace = (finding: ScanFinding): string => {
  if (finding.kind === 'history') return finding.inHead ? 'history, still in HEAD' : 'history only'
  if (finding.kind === 'index') return 'staged for the next commit'
  if (finding.gitIgnored) return 'working tree, git-ignored'
  if (finding.untracked) return 'working tree, untracked'
  return 'working tree'
}

export const shortCommit = (commit: string): string => commit.slice(0, 8)

/** "Dana Dev <dana@example.com>" → "Dana Dev". */
export const authorName = (author: string | null): string =>
  author ? author.replace(/\s*<[^>]*>$/, '') || author : 'unknown author'

export const PHASE_LABELS: Record<ScanRunStatus['phase'], string> = {
  listing: 'Listing files',
  tree: 'Scanning the working tree',
  index: 'Scanning the staged index',
  history: 'Scanning history',
  commits: 'Finding the commits that introduced each secret',
  done: 'Done',
}

/** The last folder of a path, for narrow places (the full path goes in a title). */
export const folderName = (folder: string): string => folder.split(/[\\/]/).filter(Boolean).at(-1) ?? folder

export const SET_ASIDE_LABELS = {
  false_positive: 'False positive',
  accepted: 'Accepted',
  inline_allow: 'keyward:allow on the line',
} as const
