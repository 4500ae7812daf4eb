// One simulated day, as a worker runs it (also callable in-process).
import { runScenario } from '../../src/sim/run.ts'
import { isAgentScenario } from '../../src/sim/scenario.ts'
import { threadCpuSec } from './thread-cpu.ts'
import { TraceCollector } from './trace.ts'
import type { SimJob, SimJobOutput } from './types.ts'

export function runSimJob(job: SimJob): SimJobOutput {
  const startedMs = performance.now()
  const startedCpuSec = threadCpuSec()
  const { scenario } = job
  const servers = isAgentScenario(scenario) ? scenario.agents : scenario.ivrPorts
  const collector = job.trace
    ? new TraceCollector(scenario.durationSec, servers, scenario.abandonWindowSec)
    : null
  const result = runScenario(scenario, {
    seed: job.seed,
    policy: job.policy,
    ...(collector ? { observe: (event) => collector.observe(event) } : {}),
  })
  const trace = collector ? collector.finish() : null
  const workerMs = performance.now() - startedMs
  const endedCpuSec = threadCpuSec()
  const workerCpuMs =
    startedCpuSec === null || endedCpuSec === null ? null : (endedCpuSec - startedCpuSec) * 1000
  return { result, trace, workerMs, workerCpuMs }
}
