// The CPU time of the calling thread, for the benchmark's "where the time goes" figures. On a
// machine whose cores other work shares, a day's wall time in a worker grows with the load while
// its CPU time does not. Node 20 has no per-thread CPU clock (process.cpuUsage() sums every
// thread), so on Linux it is read from /proc/thread-self/stat: a synchronous read runs on the
// calling thread, so that path names the worker's own thread. Elsewhere (or if the file cannot be
// read) the figure is null. The kernel counts it in clock ticks (USER_HZ, 100 per second on
// Linux), so the figure has a 10 ms resolution; V8's helper threads (e.g. parallel garbage
// collection) are not in it.
import { readFileSync } from 'node:fs'

const STAT_FILE = '/proc/thread-self/stat'
/** Linux exposes these counters in USER_HZ units, 100 per second on every architecture it runs. */
const TICKS_PER_SEC = 100
/** Fields after the ")" closing the command name: utime and stime are the 12th and 13th (0-based 11, 12). */
const UTIME_FIELD = 11
const STIME_FIELD = 12

/** User + system CPU seconds of the calling thread so far, or null where it cannot be read. */
export function threadCpuSec(): number | null {
  let stat: string
  try {
    stat = readFileSync(STAT_FILE, 'utf8')
  } catch {
    return null
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[UTIME_FIELD]) + Number(fields[STIME_FIELD])
  return Number.isFinite(ticks) ? ticks / TICKS_PER_SEC : null
}
