// The lines a pooled campaign has in flight, kept as they are dialled and resolved (issue 15,
// engine speed): counts per dial instant, so pacing reads the lines' whole-second ages as grouped
// counts (oldest first) without walking every line or every open attempt.
import type { LineAgeGroup } from '../pacing/types.ts'
import { TimedRuns } from './timed-runs.ts'

export class LinesInFlight {
  private readonly runs = new TimedRuns()

  /**
   * A line was dialled now (`atMs` never decreases from one call to the next). Returns the line's
   * run number, which the attempt keeps for `remove`.
   */
  add(atMs: number): number {
    return this.runs.add(atMs)
  }

  /** The line of run `run` resolved (live, or not). */
  remove(run: number): void {
    this.runs.remove(run)
  }

  /**
   * How many lines are each whole second old at `nowMs`, oldest first. The list is reused by the
   * next call: a snapshot's groups are valid for the decision that reads it.
   */
  ageGroupsAt(nowMs: number): readonly LineAgeGroup[] {
    return this.runs.groupsAt(nowMs)
  }
}
