// The chance that a whole run's final count goes over the cap, from the two counts the dialer cannot
// know yet (issue 15, R5.5): the people AMD hangs up on unseen (a Poisson count of the configured
// estimate) and the live answers of the lines out beyond the free servers, each counted as an
// abandon should it turn live (a binomial count at the live rate). Where the room is a few
// abandons, counting every line whole assumes each line turns live; their joint tail is exact.
import { normalCdf } from './normal.ts'
import { HIDDEN_SCATTER_Z } from './window-budget.ts'

/** The risk the unseen abandons' margin already takes: HIDDEN_SCATTER_Z sd of a normal, one side. */
export const UNSEEN_TAIL_RISK = 1 - normalCdf(HIDDEN_SCATTER_Z)
/** The small-room rule looks at no more lines than this (rooms of a few abandons). */
const JOINT_LINES_MAX = 64

/**
 * P(hidden + live answers of `lines` > room), the lines turning live independently at `live`;
 * `above` is the unseen abandons' tail for this room (poissonAboveTable), made once when many line
 * counts are tried against the same room.
 */
export function jointTail(
  room: number,
  hidden: number,
  lines: number,
  live: number,
  above: Float64Array = poissonAboveTable(hidden, Math.floor(room)),
): number {
  // Abandons come whole: a room of 2.5 is a room of 2.
  const whole = Math.floor(room)
  if (live >= 1) return tailAbove(above, whole - lines)
  let chance = (1 - live) ** lines
  let tail = 0
  for (let b = 0; b <= lines; b++) {
    tail += chance * tailAbove(above, whole - b)
    chance *= ((lines - b) / (b + 1)) * (live / (1 - live))
  }
  return tail
}

/** P(X > k) from the table of poissonAboveTable (1 below 0). */
function tailAbove(above: Float64Array, k: number): number {
  return k < 0 ? 1 : above[k]!
}

/**
 * P(X > k) for a Poisson count X of mean `mean`, for k = 0 … kMax (below 0 it is 1), in one pass:
 * the running sum of the terms e^−mean · mean^j / j!.
 */
export function poissonAboveTable(mean: number, kMax: number): Float64Array {
  const table = new Float64Array(Math.max(0, kMax + 1))
  let term = Math.exp(-mean)
  let atMost = term
  for (let k = 0; k <= kMax; k++) {
    if (k > 0) {
      term *= mean / k
      atMost += term
    }
    table[k] = Math.max(0, 1 - atMost)
  }
  return table
}

/**
 * The most lines beyond the free servers a final count of `room` abandons can take when the unseen
 * abandons have mean `hidden`: the largest n whose joint tail is at most the unseen margin's own
 * risk (UNSEEN_TAIL_RISK), so a line counts by its live chance, not whole. The unseen abandons'
 * tail is computed once per call, not once per line count tried (the guard asks at every decision
 * of a small room; issue 15, bench speed).
 */
export function linesWithinJointTail(room: number, hidden: number, live: number): number {
  const whole = Math.floor(room + 1e-9)
  if (whole < 0 || !(live > 0)) return 0
  const above = poissonAboveTable(hidden, whole)
  let lines = 0
  while (
    lines < JOINT_LINES_MAX &&
    jointTail(whole, hidden, lines + 1, live, above) <= UNSEEN_TAIL_RISK
  )
    lines += 1
  return lines
}
