// What the last scan covered and what it could not read: counts in a line, then the problems (a file it
// could not read, a corrupt object, a folder that is not a repository) and what it skipped, on demand.
import type { ScanResults } from '#contract'
import { countNoun } from '../../format/countNoun'
import { formatBytes } from '../../format/formatBytes'
import { folderName } from '../../format/scanFindings'

const skippedWords = (skipped: ScanResults['skipped']): string[] =>
  [
    skipped.binary > 0 ? countNoun(skipped.binary, 'binary file') : null,
    skipped.large > 0 ? `${countNoun(skipped.large, 'file')} over the size limit` : null,
    skipped.symlinks > 0 ? countNoun(skipped.symlinks, 'symlink') : null,
    skipped.other > 0 ? `${skipped.other.toLocaleString('en-US')} other` : null,
  ].filter((entry): entry is string => entry !== null)

export function ScanSummary({ results }: { results: ScanResults }) {
  const { stats } = results
  const active = results.findings.filter((finding) => finding.suppressed === null)
  const vaultKeys = new Set(active.flatMap((finding) => (finding.vaultKey ? [finding.vaultKey.keyId] : []))).size
  const skipped = skippedWords(results.skipped)
  const read = [
    stats.files > 0 ? countNoun(stats.files, 'file') : null,
    stats.blobs > 0 ? `${countNoun(stats.blobs, 'blob')} of ${countNoun(stats.commits, 'commit')}` : null,
    formatBytes(stats.bytes),
  ].filter(Boolean)
  return (
    <div className="scan-summary">
      <p className="scan-summary-line">
        <span className="scan-summary-folder" title={results.folder}>
          {folderName(results.folder)}
        </span>
        {results.repository === null ? <span className="scan-summary-aside">not a git repository</span> : null}
        <span>
          {countNoun(active.length, 'finding')}
          {vaultKeys > 0 ? ` · ${countNoun(vaultKeys, 'vault key')}` : ''}
        </span>
        <span className="scan-summary-read">
          read {read.join(', ')}
          {results.canceled ? ' before it was canceled' : ''}
        </span>
      </p>
      {results.leakedKeys > 0 ? (
        <p className="scan-summary-leaked">
          {countNoun(results.leakedKeys, 'vault key')} marked leaked: Rotation lists{' '}
          {results.leakedKeys === 1 ? 'it' : 'them'} until rotated.
        </p>
      ) : null}
      {results.problems.length > 0 || skipped.length > 0 ? (
        <details className="scan-problems">
          <summary>
            {results.problems.length > 0 ? countNoun(results.problems.length, 'problem') : 'Nothing unreadable'}
            {skipped.length > 0 ? ` · skipped ${skipped.join(', ')}` : ''}
          </summary>
          <ul>
            {results.problems.slice(0, 50).map((problem, index) => (
              <li key={`${problem.code}-${index}`}>
                <span className="mono scan-problem-subject">{problem.subject}</span> {problem.message}
              </li>
            ))}
            {results.problems.length > 50 ? (
              <li>and {results.problems.length - 50} more (keyward scan --format json lists them all)</li>
            ) : null}
          </ul>
        </details>
      ) : null}
      {results.notShown > 0 ? (
        <p className="scan-summary-aside">
          {countNoun(results.notShown, 'more finding')} not shown; keyward scan --format json lists them all.
        </p>
      ) : null}
    </div>
  )
}
