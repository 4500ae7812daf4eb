// The lines a pooled campaign has in flight, kept as they are dialled and resolved (issue 15,
// engine speed): counts per dial instant, so pacing reads the lines' whole-second ages as grouped
// counts (oldest first) without walking every line or every open attempt.
import type { LineAgeGroup } from '../pacing/types.ts'
import { TimedRuns } from './timed-runs.ts'

export class LinesInFlight {
  private readonly runs = new TimedRuns<string>()

  /** A line was dialled now (`atMs` never decreases from one call to the next). */
  add(attemptId: string, atMs: number): void {
    this.runs.add(attemptId, atMs)
  }

  /** The line resolved (live, or not); a line not in flight is ignored. */
  remove(attemptId: string): void {
    this.runs.remove(attemptId)
  }

  /**
   * How many lines are each whole second old at `nowMs`, oldest first. The list is reused by the
   * next call: a snapshot's groups are valid for the decision that reads them.
   */
  ageGroupsAt(nowMs: number): readonly LineAgeGroup[] {
    return this.runs.groupsAt(nowMs)
  }
}
