// Goal: preview offer settings keep Appendix A (timeout 0–7200 s with ACCEPT, 10–7200 s otherwise,
// default 600 s / SKIP / []), and the server refuses a disabled skip or remove (R1.1, R10.2).
import { describe, expect, it } from 'vitest'
import { messageAt } from '../config/issues.testkit.ts'
import { checkPreviewAction, previewParamsSchema } from './preview.ts'

describe('previewParamsSchema', () => {
  it('defaults to 600 s, SKIP, nothing disabled', () => {
    expect(previewParamsSchema.parse({})).toEqual({
      previewOfferTimeoutSec: 600,
      previewOfferTimeoutAutoAction: 'SKIP',
      previewActionsDisabled: [],
    })
  })

  it('allows 0 s only with an ACCEPT auto-action', () => {
    const accept = { previewOfferTimeoutSec: 0, previewOfferTimeoutAutoAction: 'ACCEPT' }
    expect(previewParamsSchema.safeParse(accept).success).toBe(true)
    const result = previewParamsSchema.safeParse({
      ...accept,
      previewOfferTimeoutAutoAction: 'REMOVE',
    })
    expect(messageAt(result, ['previewOfferTimeoutSec'])).toMatch(
      /below 10 s: only an ACCEPT auto-action may go down to 0 s/,
    )
  })

  it('accepts 10 s with the default SKIP and refuses 9 s', () => {
    expect(previewParamsSchema.safeParse({ previewOfferTimeoutSec: 10 }).success).toBe(true)
    expect(previewParamsSchema.safeParse({ previewOfferTimeoutSec: 9 }).success).toBe(false)
  })

  it('refuses a timeout over 7200 s', () => {
    const result = previewParamsSchema.safeParse({ previewOfferTimeoutSec: 7201 })
    expect(messageAt(result, ['previewOfferTimeoutSec'])).toMatch(/above 7200 s/)
  })

  it('refuses disabling ACCEPT, at the entry', () => {
    const result = previewParamsSchema.safeParse({ previewActionsDisabled: ['SKIP', 'ACCEPT'] })
    expect(messageAt(result, ['previewActionsDisabled', 1])).toMatch(/only SKIP and REMOVE/)
  })

  it('refuses a repeated disabled action', () => {
    const result = previewParamsSchema.safeParse({ previewActionsDisabled: ['SKIP', 'SKIP'] })
    expect(messageAt(result, ['previewActionsDisabled', 1])).toMatch(/repeated/)
  })

  it('refuses an unknown auto-action', () => {
    const result = previewParamsSchema.safeParse({ previewOfferTimeoutAutoAction: 'DIAL' })
    expect(messageAt(result, ['previewOfferTimeoutAutoAction'])).toMatch(/ACCEPT, SKIP, REMOVE/)
  })
})

describe('checkPreviewAction (R1.1 / R10.2)', () => {
  const params = previewParamsSchema.parse({ previewActionsDisabled: ['REMOVE'] })

  it('always allows ACCEPT', () => {
    expect(checkPreviewAction(params, 'ACCEPT')).toEqual({ kind: 'ok' })
  })

  it('refuses a disabled action and allows the others', () => {
    expect(checkPreviewAction(params, 'REMOVE')).toEqual({ kind: 'disabled', action: 'REMOVE' })
    expect(checkPreviewAction(params, 'SKIP')).toEqual({ kind: 'ok' })
  })
})
