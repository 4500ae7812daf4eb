// The IVR ports a campaign's calls hold, kept as calls take and release them (issue 15, engine
// speed): counts per instant a port was taken, so pacing reads the busy ports as groups of the same
// whole seconds in the call (oldest first) without walking every port or every open attempt.
import type { BusyServerGroup } from '../pacing/model.ts'
import { TimedRuns } from './timed-runs.ts'

export class PortHolders {
  private readonly runs = new TimedRuns()
  /** Records reused by the next read: a snapshot's groups are valid for the decision reading them. */
  private readonly groups: BusyServerGroup[] = []
  /** Changes so far, and the instant and change count `groups` was built at (as in TimedRuns). */
  private changes = 0
  private groupsAtMs = Number.NaN
  private groupsChanges = -1

  /**
   * A call took a port at `atMs` (never earlier than the last take). Returns the port's run number,
   * which the attempt keeps for `release`.
   */
  take(atMs: number): number {
    this.changes += 1
    return this.runs.add(atMs)
  }

  /** The call holding the port of run `run` released it (a run with no port held left throws). */
  release(run: number): void {
    this.changes += 1
    this.runs.remove(run)
  }

  /** The busy ports at `nowMs`: how many are each whole second into their call, oldest first. */
  busyAt(nowMs: number): readonly BusyServerGroup[] {
    const groups = this.groups
    if (nowMs === this.groupsAtMs && this.changes === this.groupsChanges) return groups
    this.groupsAtMs = nowMs
    this.groupsChanges = this.changes
    const ages = this.runs.groupsAt(nowMs)
    groups.length = ages.length
    for (let i = 0; i < ages.length; i++) {
      const { ageSec, count } = ages[i]!
      const group = groups[i]
      if (group === undefined) groups[i] = { phase: 'talking', elapsedSec: ageSec, count }
      else {
        group.elapsedSec = ageSec
        group.count = count
      }
    }
    return groups
  }
}
