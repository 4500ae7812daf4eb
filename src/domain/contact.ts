// A customer record as the engine sees it (R5.3): one or more numbers, optional zone and caller ID.

export interface Contact {
  id: string
  campaignId: string
  /** E.164 numbers, in the order the contact strategy tries them. */
  numbers: string[]
  /** IANA zone of the customer; absent means "use the campaign's zone". */
  timeZone?: string
  /** Per-record caller ID (R6.1: above the campaign's, below PreDial's SetCallerID). */
  callerId?: string
  /** Customer fields keyed by global variable name. */
  fields: Record<string, string>
}
