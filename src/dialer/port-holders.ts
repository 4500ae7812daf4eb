// The IVR ports a campaign's calls hold, kept as calls take and release them (issue 15, engine
// speed): counts per instant a port was taken, so pacing reads the busy ports as groups of the same
// whole seconds in the call (oldest first) without walking every port or every open attempt.
import { InvariantError } from '../domain/invariant.ts'
import type { BusyServerGroup } from '../pacing/model.ts'
import { TimedRuns } from './timed-runs.ts'

export class PortHolders {
  private readonly runs = new TimedRuns<number>()
  /** Records reused by the next read: a snapshot's groups are valid for the decision reading them. */
  private readonly groups: BusyServerGroup[] = []

  /** The call dialled `dialSeq`-th took a port at `atMs` (never earlier than the last take). */
  take(dialSeq: number, atMs: number): void {
    if (this.runs.has(dialSeq)) throw new InvariantError(`port taken twice by call ${dialSeq}`)
    this.runs.add(dialSeq, atMs)
  }

  release(dialSeq: number): void {
    if (!this.runs.remove(dialSeq))
      throw new InvariantError(`port released by call ${dialSeq} that holds none`)
  }

  /** The busy ports at `nowMs`: how many are each whole second into their call, oldest first. */
  busyAt(nowMs: number): readonly BusyServerGroup[] {
    const ages = this.runs.groupsAt(nowMs)
    const groups = this.groups
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
