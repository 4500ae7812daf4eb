// Test helpers (used by the config and campaign tests only): find the zod issue at a path, so a
// test asserts both where an error is reported and that its message gives the reason.
import type { z } from 'zod'

type Path = readonly (string | number)[]
type Result = { success: true } | { success: false; error: z.ZodError }

function samePath(left: readonly PropertyKey[], right: Path): boolean {
  return left.length === right.length && left.every((part, index) => part === right[index])
}

export function issuesOf(result: Result): z.core.$ZodIssue[] {
  return result.success ? [] : result.error.issues
}

/** The first issue reported exactly at `path`; throws with every issue listed when there is none. */
export function issueAt(result: Result, path: Path): z.core.$ZodIssue {
  const issues = issuesOf(result)
  const found = issues.find((issue) => samePath(issue.path, path))
  if (found === undefined) {
    const seen = issues.map((issue) => `${JSON.stringify(issue.path)}: ${issue.message}`)
    throw new Error(`no issue at ${JSON.stringify(path)}; issues: ${seen.join(' | ') || 'none'}`)
  }
  return found
}

/** Message of the issue at `path`. */
export function messageAt(result: Result, path: Path): string {
  return issueAt(result, path).message
}
