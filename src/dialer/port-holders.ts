// The IVR ports a campaign's calls hold, kept as calls take and release them (issue 15, engine
// speed): pacing reads the busy ports at each decision without walking every open attempt.
// Ports are kept in the order their calls were dialled (not connected), the order the earlier
// rebuild over the campaign's attempts produced, so the forecast sums the same numbers in the same
// order. Sorted parallel arrays: insertion and removal move at most a thousand numbers, and a
// decision allocates nothing.

import { InvariantError } from '../domain/invariant.ts'
import type { BusyServer } from '../pacing/model.ts'

export class PortHolders {
  /** Dial sequence of each holder's call, ascending. */
  private readonly dialSeqs: number[] = []
  private readonly sinceMs: number[] = []
  /** One reused record per holder: a snapshot's busy list is valid for the decision that reads it. */
  private readonly servers: BusyServer[] = []
  /** Records of released ports, for the next take. */
  private readonly spare: BusyServer[] = []

  /** The call dialled `dialSeq`-th took a port at `atMs`. */
  take(dialSeq: number, atMs: number): void {
    const at = this.indexOf(dialSeq)
    if (this.dialSeqs[at] === dialSeq)
      throw new InvariantError(`port taken twice by call ${dialSeq}`)
    // By hand, not splice: splice returns an array of what it removed, garbage at every event.
    const seqs = this.dialSeqs
    const since = this.sinceMs
    const servers = this.servers
    seqs.push(dialSeq)
    since.push(atMs)
    const added = this.spare.pop() ?? { phase: 'talking', elapsedSec: 0 }
    servers.push(added)
    for (let i = seqs.length - 1; i > at; i--) {
      seqs[i] = seqs[i - 1]!
      since[i] = since[i - 1]!
      servers[i] = servers[i - 1]!
    }
    seqs[at] = dialSeq
    since[at] = atMs
    servers[at] = added
  }

  release(dialSeq: number): void {
    const at = this.indexOf(dialSeq)
    if (this.dialSeqs[at] !== dialSeq)
      throw new InvariantError(`port released by call ${dialSeq} that holds none`)
    const seqs = this.dialSeqs
    const since = this.sinceMs
    const servers = this.servers
    const removed = servers[at]!
    for (let i = at; i < seqs.length - 1; i++) {
      seqs[i] = seqs[i + 1]!
      since[i] = since[i + 1]!
      servers[i] = servers[i + 1]!
    }
    seqs.pop()
    since.pop()
    servers.pop()
    this.spare.push(removed)
  }

  /**
   * The busy ports at `nowMs`, in dial order of their calls. The list and its records are reused by
   * the next call: a snapshot's busy ports are valid for the decision that reads them.
   */
  busyAt(nowMs: number): BusyServer[] {
    const servers = this.servers
    for (let i = 0; i < servers.length; i++) {
      servers[i]!.elapsedSec = (nowMs - this.sinceMs[i]!) / 1000
    }
    return servers
  }

  /** First index whose sequence is ≥ `dialSeq`. */
  private indexOf(dialSeq: number): number {
    let low = 0
    let high = this.dialSeqs.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.dialSeqs[middle]! < dialSeq) low = middle + 1
      else high = middle
    }
    return low
  }
}
