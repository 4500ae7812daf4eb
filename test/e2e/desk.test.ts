// Goal (issue 12, R7, R1.1): the web app served by a real `outdial serve` works in a real browser
// — a demo agent signs in, goes Available, sees the reservation popover and the customer's data,
// and wraps up with an outcome code; an agent cannot open the supervisor page and the API refuses
// it; the Polish texts render; axe-core finds no serious or critical violation on the desktop.
// Headless Debian Chromium driven by playwright-core (never a downloaded browser). Off CI, a
// missing /usr/bin/chromium skips the suite loudly; with CI=true it fails.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_AGENT_PASSWORD as AGENT_PASSWORD,
  type BrowserRig,
  chromiumPresent,
  SCREENSHOTS,
  seriousViolations,
  startBrowserRig,
} from './browser-kit.ts'

const haveChromium = chromiumPresent('the browser suite')
let rig: BrowserRig

beforeAll(async () => {
  if (!haveChromium) return
  rig = await startBrowserRig({ dataDirPrefix: 'outdial-e2e-' })
  // Only the progressive 1:1 campaign (popover fields, call guide) reaches the desk agent.
  const paused = await rig.adminCall('POST', '/v1/campaigns/winback/pause')
  if (paused.status >= 300) throw new Error(`pausing winback: ${JSON.stringify(paused)}`)
}, 120_000)
afterAll(async () => {
  await rig?.stop()
}, 60_000)

const newPage = () => rig.newPage()
const signIn = (page: Page, username: string) => rig.signIn(page, username)

describe.skipIf(!haveChromium)('the web app in Chromium (issue 12)', () => {
  it('serves the app at / and leaves the API paths alone', async () => {
    const index = await fetch(`${rig.server.url}/desk`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toMatch(/text\/html/)
    expect(await index.text()).toContain('<div id="root">')
    const unknown = await fetch(`${rig.server.url}/v1/nothing-here`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: string }).error).toBe('not_found')
    // Bodies are read: an unread large answer keeps its connection busy and the server's close
    // waits for it.
    const health = await fetch(`${rig.server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(((await health.json()) as { status: string }).status).toBe('ok')
    const openapi = await fetch(`${rig.server.url}/openapi.json`)
    expect(openapi.status).toBe(200)
    expect(Object.keys(((await openapi.json()) as { paths: object }).paths)).not.toContain('/desk')
  })

  it('R7, R5.6, R5.2: an agent signs in, goes Available, sees the popover and the customer, fills the call guide, and wraps up with a code', async () => {
    const page = await newPage()
    await page.goto(`${rig.server.url}/`)
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') })
    await signIn(page, 'agent15')
    const state = page.getByTestId('agent-state')
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toBe('Logged out')
    await page.getByRole('button', { name: 'Log in to the dialer' }).click()
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toMatch(/^Idle/)
    await page.getByRole('button', { name: 'Available', exact: true }).click()
    // The reservation popover names the campaign (R7.2).
    const popover = page.getByRole('region', { name: 'Reserved for a campaign' })
    await popover.waitFor({ timeout: 30_000 })
    const campaign = await page.getByTestId('popover-campaign').textContent()
    expect(campaign).toBe('Renewals')
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-popover.png') })
    const answer = popover.getByRole('button', { name: 'Answer the reservation call' })
    if (await answer.isVisible()) await answer.click()
    // On connect: the customer's data in the layout's order (R7.3).
    const customer = page.getByRole('region', { name: 'Customer' })
    await customer.waitFor({ timeout: 60_000 })
    await expect.poll(() => page.getByTestId('field-firstName').textContent()).toMatch(/\w+/)
    expect(await page.getByTestId('call-party').textContent()).toMatch(/^\+1\d+$/)
    // The customer's local time, in the customer's zone.
    await customer.getByText(/^Customer's local time: \d{1,2}:\d{2}/).waitFor()
    // The call guide (R5.6): a required question is checked in the browser by the API's rule,
    // then the answers are saved with the attempt.
    const guide = page.getByRole('region', { name: 'Call guide' })
    await guide.getByRole('button', { name: 'Save answers' }).click()
    await guide.getByText("'Renews today?' is required").waitFor()
    await guide.getByRole('radio', { name: 'Yes' }).check()
    await guide.getByRole('button', { name: 'Save answers' }).click()
    await guide.getByRole('status').filter({ hasText: 'Answers saved' }).waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-call.png') })
    // Hang up, then wrap up with the campaign's outcome code (R5.2).
    const hangUp = page.getByRole('button', { name: 'Hang up' })
    if (await hangUp.isEnabled()) await hangUp.click()
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('Wrap-up')
    const wrap = page.getByRole('region', { name: 'Wrap-up' })
    // A campaign call's wrap-up ends only with an outcome code: Idle is not offered (the API refuses it).
    expect(await page.getByRole('button', { name: 'Go idle' }).isDisabled()).toBe(true)
    await wrap.getByPlaceholder('Choose an outcome').click()
    await page.getByRole('option', { name: 'Sale (SALE)' }).click()
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-wrap-up.png') })
    await wrap.getByRole('button', { name: 'Finish wrap-up' }).click()
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).not.toBe('Wrap-up')
    expect(await page.getByRole('alert').count()).toBe(0)
    // Done for the day: Idle with the chosen reason, then out of the dialer. A blended inbound
    // call may have reached the agent meanwhile: hang it up first.
    await expect
      .poll(
        async () => {
          if ((await state.textContent()) === 'On a call') await hangUp.click()
          return state.textContent()
        },
        { timeout: 30_000 },
      )
      .not.toBe('On a call')
    await page.getByRole('button', { name: 'Go idle' }).click()
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toMatch(/^Idle \(Break\)/)
    await page.getByRole('button', { name: 'Log out of the dialer' }).click()
    await expect.poll(() => state.textContent(), { timeout: 10_000 }).toBe('Logged out')
    await page.context().close()
  })

  it('axe-core finds no serious or critical violation on the desktop', async () => {
    const page = await newPage()
    await signIn(page, 'agent16')
    await page.getByTestId('agent-state').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.context().close()
  })

  it('an agent cannot open the supervisor page, and the API refuses it too', async () => {
    const page = await newPage()
    await signIn(page, 'agent16')
    await page.getByTestId('agent-state').waitFor()
    expect(await page.getByRole('button', { name: 'Supervisor board' }).count()).toBe(0)
    await page.goto(`${rig.server.url}/supervisor`)
    await page.getByRole('alert').filter({ hasText: 'Not for your role' }).waitFor()
    const status = await page.evaluate(async () => (await fetch('/v1/status')).status)
    expect(status).toBe(403)
    await page.context().close()
  })

  it('renders the Polish texts after the language switch', async () => {
    const page = await newPage()
    await page.goto(`${rig.server.url}/`)
    await page.getByText('Polski').click()
    await page.getByRole('button', { name: 'Zaloguj' }).waitFor()
    expect(await page.getByLabel('Nazwa użytkownika').count()).toBe(1)
    await page.getByLabel('Nazwa użytkownika').fill('agent16')
    await page.locator('input[autocomplete="current-password"]').fill(AGENT_PASSWORD)
    await page.getByRole('button', { name: 'Zaloguj' }).click()
    await page
      .getByRole('button', { name: 'Zaloguj do dialera' })
      .or(page.getByText('Pulpit agenta'))
      .first()
      .waitFor()
    expect(await page.getByText('Pulpit agenta').count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-polish.png') })
    await page.context().close()
  })
})
