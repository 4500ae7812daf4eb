// Each benchmark owns a section of docs/benchmarks.md between its two markers and rewrites only
// that section: one implementation for every bench.
import { readFileSync, writeFileSync } from 'node:fs'

/** `existing` with the text between `beginMarker` and `endMarker` (both included) replaced by `section`, or `section` appended. */
export function replaceSection(
  existing: string,
  section: string,
  beginMarker: string,
  endMarker: string,
): string {
  const begin = existing.indexOf(beginMarker)
  const end = existing.indexOf(endMarker)
  return begin >= 0 && end > begin
    ? existing.slice(0, begin) + section + existing.slice(end + endMarker.length)
    : `${existing.trimEnd()}\n\n${section}\n`
}

/** Rewrites the section of `file` (which must exist) between the markers. */
export function writeDocsSection(
  file: string,
  section: string,
  beginMarker: string,
  endMarker: string,
): void {
  writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), section, beginMarker, endMarker))
}
