// The Telephony port as the engine sees it in the server: a dial goes to the network only after
// its attempt row is written (docs/design.md "Durability": the attempt is durable before the
// dial). When the write fails the call is reported failed (`unavailable`), so the engine closes the
// attempt
// with an outcome and its contact follows the retry rules; a hang-up that arrives while the row is
// still being written cancels the dial. A number put on a DNC list while its row was being
// written is not dialled either (R5.4: blocked once the API has answered); the call is reported
// failed (`unavailable`), as if the row could not be written. Everything else passes straight
// through.
import type {
  DialRequest,
  PlayRequest,
  Telephony,
  TelephonyEvent,
} from '../dialer/ports/telephony.ts'
import type { AttemptJournal } from './attempt-journal.ts'
import type { RuntimeLog } from './log.ts'

export class DurableTelephony implements Telephony {
  /** Dials waiting for their attempt row. */
  private readonly waiting = new Set<string>()
  /** Of those, the ones the engine hung up on meanwhile. */
  private readonly cancelled = new Set<string>()

  constructor(
    private readonly network: Telephony,
    private readonly journal: AttemptJournal,
    /** Back into the engine (engine.handleTelephony), outside the engine's turn. */
    private readonly report: (event: TelephonyEvent) => void,
    private readonly log: RuntimeLog,
    /** Why this call's number must not be dialled now (a DNC list since its check), or null. */
    private readonly withheld: (callId: string, number: string) => string | null = () => null,
  ) {}

  /** Dials waiting for their attempt row (figures and tests). */
  get dialsWaiting(): number {
    return this.waiting.size
  }

  dial(request: DialRequest): void {
    const callId = request.callId
    this.waiting.add(callId)
    void this.journal.openAttempt(callId).then((opened) => {
      this.waiting.delete(callId)
      if (this.cancelled.delete(callId)) return
      if (!opened) return this.report({ kind: 'failed', callId, reason: 'unavailable' })
      const reason = this.withheld(callId, request.toNumber)
      if (reason !== null) {
        this.log.warn('dial withheld: the number went on a DNC list after its check', {
          callId,
          reason,
        })
        return this.report({ kind: 'failed', callId, reason: 'unavailable' })
      }
      try {
        this.network.dial(request)
      } catch (error) {
        this.log.error('the network refused a dial', { callId, error })
        this.report({ kind: 'failed', callId, reason: 'error' })
      }
    })
  }

  hangup(callId: string): void {
    if (this.waiting.has(callId)) {
      this.cancelled.add(callId)
      return
    }
    this.network.hangup(callId)
  }

  bridge(callId: string, agentId: string): void {
    this.network.bridge(callId, agentId)
  }

  play(request: PlayRequest): void {
    this.network.play(request)
  }

  startVirtualAgent(callId: string, botId: string, maxDurationSec: number): void {
    this.network.startVirtualAgent(callId, botId, maxDurationSec)
  }

  callAgent(agentId: string, purpose: 'reservation' | 'inbound' | 'preview'): void {
    this.network.callAgent(agentId, purpose)
  }

  releaseAgent(agentId: string): void {
    this.network.releaseAgent(agentId)
  }
}
