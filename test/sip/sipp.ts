// Test kit for the SIP suites (issue 14): sipp (Debian sip-tester) run in the foreground as a child
// process on 127.0.0.1 with a scenario file of test/sip/scenarios, bounded by `timeout`, ended by
// its PID. Off CI a missing sipp skips the suites loudly; with CI=true it fails them.
import { type ChildProcess, spawn } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { isAbsolute, join } from 'node:path'
import type { TelephonyEvent } from '../../src/dialer/ports/telephony.ts'

export const SIPP = '/usr/bin/sipp'
/** The longest a sipp run may take by default, in seconds (`timeout` ends it). */
export const SIPP_RUN_SEC_MAX = 30
export const SCENARIOS = join(import.meta.dirname, 'scenarios')

export function haveSipp(suite: string): boolean {
  if (existsSync(SIPP)) return true
  if (process.env.CI === 'true') throw new Error(`${SIPP} is missing: CI installs sip-tester`)
  console.warn(`\n*** SKIPPED ${suite}: ${SIPP} is missing (apt-get install sip-tester) ***\n`)
  return false
}

/**
 * Test ports are even numbers from here up to below Linux's default ephemeral range (32768–60999):
 * a port in that range may be taken at any moment by an outgoing TCP connection of another test (a
 * fetch, a database client), which made sipp's TCP listen fail now and then (exit 254, bind error).
 */
const TEST_PORT_MIN = 20_000
const TEST_PORT_SLOTS = 6_000

/** A UDP port free on `host` now (bound and released), even, between 20000 and 31998. */
export async function freeUdpPort(host = '127.0.0.1'): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = TEST_PORT_MIN + 2 * Math.floor(Math.random() * TEST_PORT_SLOTS)
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4')
      socket.once('error', () => {
        socket.close()
        resolve(false)
      })
      socket.bind(port, host, () => socket.close(() => resolve(true)))
    })
    if (ok) return port
  }
  throw new Error('no free UDP port found')
}

/** Polls `check` every 20 ms until it holds or `ms` pass; returns whether it held. */
export async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return true
}

/** Waits (up to 5 s) until sipp `-t t1` accepts TCP on `port`: a refused connect fails a
 * request at once, where over UDP it would be retransmitted into a sipp still starting. Each
 * probe connection is closed at once. */
export async function waitTcpListening(port: number, host = '127.0.0.1'): Promise<void> {
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const probe = connect({ host, port })
      probe.once('connect', () => {
        probe.destroy()
        resolve(true)
      })
      probe.once('error', () => resolve(false))
    })
  for (let i = 0; i < 50 && !(await accepts()); i++)
    await new Promise((resolve) => setTimeout(resolve, 100))
}

export interface SippRun {
  port: number
  /** Resolves with sipp's exit code (0: every call succeeded). */
  exited: Promise<number>
  stop(): void
  output(): string
}

/** Starts a sipp UAS on 127.0.0.1 playing `scenario` (a file of SCENARIOS, or an absolute path)
 * for `calls` calls. */
export async function startSippUas(
  scenario: string,
  calls = 1,
  extraArgs: string[] = [],
  runSecMax = SIPP_RUN_SEC_MAX,
): Promise<SippRun> {
  return startSipp(scenario, calls, extraArgs, runSecMax)
}

/** Starts a sipp UAC on 127.0.0.1 sending to `target` (host:port). */
export async function startSippUac(
  scenario: string,
  target: string,
  extraArgs: string[] = [],
): Promise<SippRun> {
  return startSipp(scenario, 1, [target, ...extraArgs])
}

async function startSipp(
  scenario: string,
  calls: number,
  extraArgs: string[],
  runSecMax = SIPP_RUN_SEC_MAX,
): Promise<SippRun> {
  const port = await freeUdpPort()
  const mediaPort = await freeUdpPort()
  const child: ChildProcess = spawn(
    'timeout',
    [
      String(runSecMax),
      SIPP,
      '-sf',
      isAbsolute(scenario) ? scenario : join(SCENARIOS, scenario),
      '-i',
      '127.0.0.1',
      '-p',
      String(port),
      '-mp',
      String(mediaPort),
      '-m',
      String(calls),
      '-nostdin',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString()
  })
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)))
  // Give sipp a moment to bind; a lost first INVITE is retransmitted anyway (timer A).
  await new Promise((resolve) => setTimeout(resolve, 300))
  return {
    port,
    exited,
    stop: () => {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(child.pid)
        } catch {
          // already gone
        }
      }
    },
    output: () => errors,
  }
}

/** The network's events as they come, and a wait for the first of a kind (bounded; the failure
 * names every event seen and what sipp printed). */
export function telephonyEvents(sippOutput: () => string, defaultMs: number) {
  const events: TelephonyEvent[] = []
  const waiters: (() => void)[] = []
  const push = (event: TelephonyEvent) => {
    events.push(event)
    for (const w of waiters.splice(0)) w()
  }
  const waitFor = (kind: TelephonyEvent['kind'], ms = defaultMs) =>
    new Promise<TelephonyEvent>((resolve, reject) => {
      const deadline = setTimeout(
        () =>
          reject(new Error(`no ${kind} in ${ms} ms: ${JSON.stringify(events)} ${sippOutput()}`)),
        ms,
      )
      const check = () => {
        const found = events.find((e) => e.kind === kind)
        if (found) {
          clearTimeout(deadline)
          resolve(found)
        } else waiters.push(check)
      }
      check()
    })
  return { events, push, waitFor }
}
