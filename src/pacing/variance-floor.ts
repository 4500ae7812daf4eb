// The variance floor of the marginal abandon chance's normal tail (docs/pacing.md §4, issue 15).
// It keeps the tail smooth when the forecast is nearly certain and stands for what the model leaves
// out (agents taken by inbound calls, logging out): a variance that grows with the pool. With a
// large pool's floor, an agent in a team of 3 who surely frees within a second looks like a 16 %
// chance of abandon, and no line is dialled ahead of them.

/** The floor for pools of 20 servers or more. */
export const VARIANCE_FLOOR_MAX = 0.25
/** The floor's share per staffed server. */
export const VARIANCE_FLOOR_PER_SERVER = 0.0125

/** The floor for `staffedServers` (one at least: a tail over a variance of 0 is 0/0). */
export function varianceFloor(staffedServers: number): number {
  return Math.min(VARIANCE_FLOOR_MAX, VARIANCE_FLOOR_PER_SERVER * Math.max(1, staffedServers))
}
