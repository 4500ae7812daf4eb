// The per-attempt result webhook of Dialer-API campaigns (R10.2; docs/dialer-api.md): every
// attempt's outcome, and every record the dialer is done with, POSTed as signed JSON to the
// campaign manager. A bounded queue; deliveries retried with exponential back-off on the runtime's
// clock; a delivery that keeps failing, or is refused (4xx), is logged and dropped.

import type { Clock } from '../../dialer/ports/clock.ts'
import type { AttemptOutcome, HangupParty } from '../../domain/outcomes.ts'
import type { RuntimeLog } from '../log.ts'
import type { CampaignManagerClient } from './campaign-manager-client.ts'
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './signature.ts'

export const RESULTS_PATH_DEFAULT = 'dialer/results'
/** Deliveries waiting at most (a campaign manager down for a while must not eat the heap). */
export const RESULT_QUEUE_MAX = 50_000
export const RESULT_TRIES_MAX = 10
export const RESULT_RETRY_FIRST_MS = 1_000
export const RESULT_RETRY_MAX_MS = 300_000
/** Deliveries in flight at once per tenant. */
export const RESULT_CONCURRENCY_MAX = 4

export type ResultEvent =
  | {
      event: 'attempt'
      campaignId: string
      recordId: string
      attemptId: string
      number: string
      callerId: string
      outcome: AttemptOutcome
      startedAt: string
      endedAt: string
      agentId: string | null
      hangupParty: HangupParty | null
    }
  | {
      /** R5.2: the code the agent ended the call's wrap-up with, and a callback they asked for. */
      event: 'code'
      campaignId: string
      recordId: string
      attemptId: string
      agentId: string
      code: string
      callbackAt: string | null
      at: string
    }
  | {
      event: 'record'
      campaignId: string
      recordId: string
      /** Why the dialer is done with the record; `returned`: never dialled, serve it again. */
      disposition: string
      at: string
    }

interface Delivery {
  deliveryId: string
  result: ResultEvent
  tries: number
}

export interface ResultWebhookDeps {
  clock: Clock
  log: RuntimeLog
  /** The tenant's campaign manager now (the connector may change); null: none configured. */
  client(): CampaignManagerClient | null
  /** Path (relative to the resource domain) or absolute URL on its origin. */
  resultsUrl?: string
  nextId(): string
}

export class ResultWebhook {
  private readonly waiting: Delivery[] = []
  private inFlight = 0
  private retrying = 0
  private idle: (() => void)[] = []
  delivered = 0
  dropped = 0

  constructor(private readonly deps: ResultWebhookDeps) {}

  get pending(): number {
    return this.waiting.length + this.inFlight + this.retrying
  }

  send(result: ResultEvent): void {
    if (this.pending >= RESULT_QUEUE_MAX) {
      this.dropped += 1
      this.deps.log.error('result webhook queue full (RESULT_QUEUE_MAX), result dropped', {
        campaignId: result.campaignId,
        recordId: result.recordId,
      })
      return
    }
    this.waiting.push({ deliveryId: this.deps.nextId(), result, tries: 0 })
    this.pump()
  }

  /** Resolves once nothing waits, is in flight or waits for a retry. */
  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  private pump(): void {
    while (this.inFlight < RESULT_CONCURRENCY_MAX && this.waiting.length > 0) {
      const delivery = this.waiting.shift()!
      this.inFlight += 1
      void this.deliver(delivery).finally(() => {
        this.inFlight -= 1
        this.pump()
        this.notifyIdle()
      })
    }
  }

  private notifyIdle(): void {
    if (this.pending > 0) return
    const idle = this.idle
    this.idle = []
    for (const resolve of idle) resolve()
  }

  private async deliver(delivery: Delivery): Promise<void> {
    delivery.tries += 1
    const client = this.deps.client()
    const fields = { campaignId: delivery.result.campaignId, deliveryId: delivery.deliveryId }
    if (client === null) return this.retryOrDrop(delivery, 'no campaign-manager connector')
    const target = client.resolve(this.deps.resultsUrl ?? RESULTS_PATH_DEFAULT)
    if (!target.ok) {
      this.dropped += 1
      this.deps.log.error('result webhook URL refused, result dropped', {
        ...fields,
        reason: target.message,
      })
      return
    }
    const nowMs = this.deps.clock.nowMs()
    const sentAtSec = Math.floor(nowMs / 1000)
    const body = JSON.stringify({
      deliveryId: delivery.deliveryId,
      sentAt: new Date(sentAtSec * 1000).toISOString(),
      ...delivery.result,
    })
    const outcome = await client.post(target.url, body, {
      [SIGNATURE_HEADER]: signBody(body, client.credentials.password),
      [TIMESTAMP_HEADER]: String(sentAtSec),
    })
    if (outcome.kind === 'delivered') {
      this.delivered += 1
      return
    }
    if (outcome.kind === 'rejected') {
      this.dropped += 1
      this.deps.log.error('result refused by the campaign manager, dropped', {
        ...fields,
        status: outcome.status,
      })
      return
    }
    this.retryOrDrop(delivery, outcome.message)
  }

  private retryOrDrop(delivery: Delivery, reason: string): void {
    const fields = { campaignId: delivery.result.campaignId, deliveryId: delivery.deliveryId }
    if (delivery.tries >= RESULT_TRIES_MAX) {
      this.dropped += 1
      this.deps.log.error('result webhook failed, dropped', {
        ...fields,
        tries: delivery.tries,
        reason,
      })
      return
    }
    const delayMs = Math.min(RESULT_RETRY_FIRST_MS * 2 ** (delivery.tries - 1), RESULT_RETRY_MAX_MS)
    this.deps.log.warn('result webhook failed, retrying', { ...fields, delayMs, reason })
    const { clock } = this.deps
    this.retrying += 1
    clock.setTimerAt(clock.nowMs() + delayMs, () => {
      this.retrying -= 1
      this.waiting.push(delivery)
      this.pump()
    })
  }
}
