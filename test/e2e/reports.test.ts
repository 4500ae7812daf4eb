// Goal (issue 13, R9.1): the report pages served by a real `outdial serve` work in a real browser
// after the demo's simulated calls — a supervisor drills campaign → interval → agent → attempt
// with breadcrumbs and the drill path in the URL (a reload keeps it), the figures on each page
// equal the API's JSON, a table's "Download CSV" gives the API's rows, the agent report shows the
// agents' times; an agent is refused; Polish renders; axe-core finds no serious violation.
// Headless Debian Chromium driven by playwright-core; off CI a missing /usr/bin/chromium skips
// loudly, with CI=true it fails.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { DateTime } from 'luxon'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BrowserRig,
  chromiumPresent,
  DEMO_AGENT_PASSWORD as PASSWORD,
  SCREENSHOTS,
  seriousViolations,
  startBrowserRig,
} from './browser-kit.ts'

const haveChromium = chromiumPresent('the reports browser suite')
let rig: BrowserRig

// The page's default range in the browser's zone (UTC here): the last 7 days, today included.
const today = DateTime.utc().startOf('day')
const RANGE = {
  from: today.minus({ days: 6 }).toISO()!,
  to: today.plus({ days: 1 }).toISO()!,
}
const rangeQuery = `from=${encodeURIComponent(RANGE.from)}&to=${encodeURIComponent(RANGE.to)}`

interface Campaign {
  campaignId: string
  name: string
  figures: {
    attempts: number
    connects: number
    abandons: number
    outcomes: Record<string, number>
  }
}
const campaignsOf = async (): Promise<Campaign[]> =>
  (await rig.adminCall('GET', `/v1/reports/campaigns?${rangeQuery}`)).body.families.flatMap(
    (f: { campaigns: Campaign[] }) => f.campaigns,
  )

beforeAll(async () => {
  if (!haveChromium) return
  rig = await startBrowserRig({ dataDirPrefix: 'outdial-reports-', speed: 10 })
  const created = await rig.adminCall('POST', '/v1/users', {
    username: 'super1',
    password: PASSWORD,
    role: 'supervisor',
    agentId: null,
  })
  if (created.status !== 201) throw new Error(`supervisor user: ${JSON.stringify(created)}`)
  // The demo's simulated agents take calls: wait for some answered calls with an agent, then pause
  // every campaign and let the calls in flight finish, so the figures hold still.
  const deadline = Date.now() + 90_000
  for (;;) {
    const answered = (await campaignsOf()).reduce((n, c) => n + c.figures.connects, 0)
    if (answered >= 3) break
    if (Date.now() > deadline) throw new Error('no answered calls after 90 s')
    await new Promise((r) => setTimeout(r, 1000))
  }
  for (const c of await campaignsOf())
    await rig.adminCall('POST', `/v1/campaigns/${c.campaignId}/pause`)
  const settle = Date.now() + 60_000
  while ((await campaignsOf()).some((c) => (c.figures.outcomes.OPEN ?? 0) > 0)) {
    if (Date.now() > settle) throw new Error('attempts still open 60 s after the pause')
    await new Promise((r) => setTimeout(r, 500))
  }
}, 240_000)
afterAll(async () => {
  await rig?.stop()
}, 60_000)

const newPage = () => rig.newPage({ timezoneId: 'UTC', acceptDownloads: true })
const cell = (page: Page, row: string, name: string) =>
  page.locator(`tr[data-row="${row}"] [data-testid=${name}]`).first().textContent()

describe.skipIf(!haveChromium)('the report pages in Chromium (issue 13, R9.1)', () => {
  it('a supervisor drills campaign → interval → agent → attempt; figures and CSV match the API', async () => {
    // An attempt an agent took, closed: the drill's target.
    const attempts = (await rig.adminCall('GET', `/v1/attempts?${rangeQuery}&limit=200`)).body.items
    const target = attempts.find(
      (a: { agentId: string | null; outcome: string | null }) =>
        a.agentId !== null && a.outcome === 'LIVE_VOICE',
    )
    expect(target, 'an answered attempt with an agent').toBeDefined()
    const campaign = (await campaignsOf()).find((c) => c.campaignId === target.campaignId)!

    const page = await newPage()
    await rig.signIn(page, 'super1')
    await page.getByRole('heading', { name: 'Supervisor board', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Reports' }).click()
    await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor()
    // Level 1: campaigns grouped by family, figures as the API's.
    await page.locator(`tr[data-row="${campaign.campaignId}"]`).waitFor()
    for (const c of await campaignsOf()) {
      expect(await cell(page, c.campaignId, 'attempts')).toBe(String(c.figures.attempts))
      expect(await cell(page, c.campaignId, 'connects')).toBe(String(c.figures.connects))
      expect(await cell(page, c.campaignId, 'abandons')).toBe(String(c.figures.abandons))
    }
    expect(await page.getByRole('region', { name: 'Predictive and progressive' }).count()).toBe(1)
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-campaigns.png') })

    // The campaigns table's CSV has the API's rows.
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Download CSV' }).click()
    const file = await (await download).path()
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]
    const api = await campaignsOf()
    expect(rows.map((r) => [r.campaignId, r.attempts, r.connects])).toEqual(
      api.map((c) => [c.campaignId, String(c.figures.attempts), String(c.figures.connects)]),
    )

    // Level 2: the campaign's hourly intervals.
    await page.locator(`tr[data-row="${campaign.campaignId}"] a`).click()
    await page
      .getByRole('navigation', { name: 'Campaign report' })
      .getByRole('link', { name: 'Campaigns' })
      .waitFor()
    const intervals = (
      await rig.adminCall(
        'GET',
        `/v1/reports/campaigns/${campaign.campaignId}/intervals?size=1h&${rangeQuery}`,
      )
    ).body.rows as { start: string; attempts: number; connects: number }[]
    const openedMs = Date.parse(target.openedAt)
    const interval = intervals.find((r) => {
      const start = Date.parse(r.start)
      return start <= openedMs && openedMs < start + 3_600_000
    })!
    await page.locator(`tr[data-row="${interval.start}"]`).waitFor()
    for (const row of intervals) {
      expect(await cell(page, row.start, 'attempts')).toBe(String(row.attempts))
      expect(await cell(page, row.start, 'connects')).toBe(String(row.connects))
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-intervals.png') })

    // Level 3: the agents of that interval.
    await page.locator(`tr[data-row="${interval.start}"] a`).click()
    const end = Math.min(Date.parse(interval.start) + 3_600_000, Date.parse(RANGE.to))
    const agents = (
      await rig.adminCall(
        'GET',
        `/v1/reports/campaigns/${campaign.campaignId}/agents?from=${encodeURIComponent(new Date(Math.max(Date.parse(interval.start), Date.parse(RANGE.from))).toISOString())}&to=${encodeURIComponent(new Date(end).toISOString())}`,
      )
    ).body.rows as { agentId: string | null; attempts: number; connects: number }[]
    await page.locator(`tr[data-row="${target.agentId}"]`).waitFor()
    for (const row of agents) {
      expect(await cell(page, row.agentId ?? '', 'attempts')).toBe(String(row.attempts))
      expect(await cell(page, row.agentId ?? '', 'connects')).toBe(String(row.connects))
    }
    expect(agents.reduce((n, r) => n + r.attempts, 0)).toBe(interval.attempts)

    // Level 4: that agent's attempts in the interval; the reload keeps the drill path.
    await page.locator(`tr[data-row="${target.agentId}"] a`).click()
    await page.locator(`tr[data-attempt="${target.id}"]`).waitFor()
    expect(new URL(page.url()).pathname).toBe(
      `/reports/campaigns/${campaign.campaignId}/agents/${target.agentId}`,
    )
    await page.reload()
    const attemptRow = page.locator(`tr[data-attempt="${target.id}"]`)
    await attemptRow.waitFor()
    expect(await attemptRow.getByTestId('outcome').textContent()).toBe('LIVE_VOICE')
    expect(
      await page
        .getByRole('navigation', { name: 'Campaign report' })
        .getByRole('link')
        .allTextContents(),
    ).toEqual([
      'Campaigns',
      campaign.campaignId,
      expect.stringMatching(/^Interval /),
      target.agentId,
    ])
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-attempts.png') })

    // The attempts CSV has the rows the API lists for the same filter.
    const attemptsCsv = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Download CSV' }).click()
    const csvRows = parse(readFileSync(await (await attemptsCsv).path(), 'utf8'), {
      columns: true,
    }) as Record<string, string>[]
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')
    const query = new URL(href!, rig.server.url).searchParams
    query.delete('format')
    const listed = (await rig.adminCall('GET', `/v1/attempts?${query}&limit=200`)).body.items
    expect(csvRows.map((r) => [r.id, r.outcome, r.dispositionCode])).toEqual(
      listed.map((a: { id: string; outcome: string; disposition: { code: string } | null }) => [
        a.id,
        a.outcome,
        a.disposition?.code ?? '',
      ]),
    )
    expect(csvRows.some((r) => r.id === target.id)).toBe(true)

    // Back up the breadcrumbs to the campaigns.
    await page
      .getByRole('navigation', { name: 'Campaign report' })
      .getByRole('link', { name: 'Campaigns' })
      .click()
    await page.locator(`tr[data-row="${campaign.campaignId}"]`).waitFor()
    await page.context().close()
  })

  it('the agent report shows logged-in and talk time per agent, as the API does', async () => {
    const page = await newPage()
    await rig.signIn(page, 'super1')
    await page.getByRole('heading', { name: 'Supervisor board', level: 1 }).waitFor()
    await page.goto(`${rig.server.url}/reports/agents`)
    const report = (await rig.adminCall('GET', `/v1/reports/agents?${rangeQuery}&zone=UTC`)).body
      .rows as { agentId: string; talkSec: number }[]
    const busy = report.find((r) => r.talkSec > 0)!
    expect(busy).toBeDefined()
    await page.locator(`tr[data-row="${busy.agentId}"]`).waitFor()
    const talk = await cell(page, busy.agentId, 'talk')
    const [h, m, s] = talk!.split(':').map(Number)
    // The live agents' times keep growing: the page's talk time is the API's or a little more.
    expect(h! * 3600 + m! * 60 + s!).toBeGreaterThanOrEqual(busy.talkSec)
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-agents.png') })
    expect(await seriousViolations(page)).toEqual([])
    await page.context().close()
  })

  it('renders Polish, axe finds no serious violation, and an agent is refused', async () => {
    const page = await newPage()
    await rig.signIn(page, 'super1')
    await page.getByRole('heading', { name: 'Supervisor board', level: 1 }).waitFor()
    await page.goto(`${rig.server.url}/reports`)
    await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByText('Polski').click()
    await page.getByRole('heading', { name: 'Raporty', level: 2 }).waitFor()
    expect(await page.getByRole('link', { name: 'Pobierz CSV' }).count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-polish.png') })
    await page.context().close()

    const agent = await newPage()
    await rig.signIn(agent, 'agent16')
    await agent.getByTestId('agent-state').waitFor()
    await agent.goto(`${rig.server.url}/reports`)
    await agent.getByRole('alert').filter({ hasText: 'Reports are for supervisors' }).waitFor()
    const status = await agent.evaluate(async () => (await fetch('/v1/reports/campaigns')).status)
    expect(status).toBe(403)
    await agent.context().close()
  })
})
