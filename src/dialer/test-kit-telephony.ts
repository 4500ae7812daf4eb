// Test support: a Telephony that does nothing by itself. It records every command the engine sends
// (with the virtual time) and lets the test play the network; reservation calls can answer alone.
import type { Clock } from './ports/clock.ts'
import type { DialRequest, PlayRequest, Telephony, TelephonyEvent } from './ports/telephony.ts'

export type TelephonyCommand =
  | ({ kind: 'dial'; atMs: number } & DialRequest)
  | { kind: 'hangup'; atMs: number; callId: string }
  | { kind: 'bridge'; atMs: number; callId: string; agentId: string }
  | ({ kind: 'play'; atMs: number } & PlayRequest)
  | {
      kind: 'startVirtualAgent'
      atMs: number
      callId: string
      botId: string
      maxDurationSec: number
    }
  | {
      kind: 'callAgent'
      atMs: number
      agentId: string
      purpose: 'reservation' | 'inbound' | 'preview'
    }
  | { kind: 'releaseAgent'; atMs: number; agentId: string }

export type CommandOf<K extends TelephonyCommand['kind']> = Extract<TelephonyCommand, { kind: K }>

/** A Telephony that does nothing by itself: it records commands; the test plays the network. */
export class FakeTelephony implements Telephony {
  readonly commands: TelephonyCommand[] = []
  /** Where pushed events go (the engine); set once the engine exists. */
  sink: (event: TelephonyEvent) => void = () => {
    throw new Error('FakeTelephony has no engine connected')
  }
  /** When set, a reservation call is answered this many seconds after it rings (R7.2). */
  autoAnswerSec: number | null = null

  constructor(private readonly clock: Clock) {}

  private record(command: TelephonyCommand): void {
    this.commands.push(command)
  }

  dial(request: DialRequest): void {
    this.record({ kind: 'dial', atMs: this.clock.nowMs(), ...request })
  }
  hangup(callId: string): void {
    this.record({ kind: 'hangup', atMs: this.clock.nowMs(), callId })
  }
  bridge(callId: string, agentId: string): void {
    this.record({ kind: 'bridge', atMs: this.clock.nowMs(), callId, agentId })
  }
  play(request: PlayRequest): void {
    this.record({ kind: 'play', atMs: this.clock.nowMs(), ...request })
  }
  startVirtualAgent(callId: string, botId: string, maxDurationSec: number): void {
    const atMs = this.clock.nowMs()
    this.record({ kind: 'startVirtualAgent', atMs, callId, botId, maxDurationSec })
  }
  callAgent(agentId: string, purpose: 'reservation' | 'inbound' | 'preview'): void {
    this.record({ kind: 'callAgent', atMs: this.clock.nowMs(), agentId, purpose })
    if (purpose !== 'reservation' || this.autoAnswerSec === null) return
    // Never synchronously: the engine is in the middle of reserving the agent.
    const atMs = this.clock.nowMs() + this.autoAnswerSec * 1000
    this.clock.setTimerAt(atMs, () => this.sink({ kind: 'agentAnswered', agentId }))
  }
  releaseAgent(agentId: string): void {
    this.record({ kind: 'releaseAgent', atMs: this.clock.nowMs(), agentId })
  }

  of<K extends TelephonyCommand['kind']>(kind: K): CommandOf<K>[] {
    return this.commands.filter((c): c is CommandOf<K> => c.kind === kind)
  }
}
