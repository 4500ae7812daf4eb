// Goal (issue 13, R4, R5, R5.3, R5.4): on a real `outdial serve --no-demo` (an empty tenant with
// only the admin), an administrator builds a progressive campaign through the campaign wizard in
// Chromium, creating every object — connector (checked by a loopback validation URL), agents and a
// team, outdial queue, global variable, flow, entry point, campaign group (a field error beside
// its pacing first), outcome group and campaign, call guide — uploads a CSV with bad rows (the
// upload's progress, then the summary and the paged issue report), downloads the issue report and
// finds the API's issues in it, starts the campaign, and two agents acting through the agent
// desktop API take its calls on the simulated network until attempts close with outcomes and
// dispositions. axe-core finds no serious violation on the wizard. Screenshots of every step.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_ADMIN_PASSWORD as ADMIN_PASSWORD,
  type BrowserRig,
  chromiumPresent,
  SCREENSHOTS,
  seriousViolations,
  startBrowserRig,
} from './browser-kit.ts'

const haveChromium = chromiumPresent('the campaign wizard browser suite')
let rig: BrowserRig

beforeAll(async () => {
  if (haveChromium)
    rig = await startBrowserRig({ dataDirPrefix: 'outdial-e2e-wizard-', demo: false, speed: 10 })
}, 120_000)
afterAll(async () => {
  await rig?.stop()
}, 60_000)

/** Good rows of the uploaded file: enough for its progress to be seen on a throttled link. */
const GOOD_ROWS = 1500
/** The upload's throttled link, bytes per second. */
const THROTTLED_UPLOAD_BYTES_PER_SEC = 20_000
/** How long the agents work the campaign at most. */
const CALLS_WAIT_MS = 90_000
const AGENTS = ['agent-a', 'agent-b']

function contactsCsv(): string {
  const lines = ['id,phone,tz,firstName']
  for (let i = 0; i < GOOD_ROWS; i++)
    lines.push(`c${i + 1},+1212${String(5_100_000 + i)},America/New_York,Ada${i}`)
  // An invalid phone number, and a row without any (the required number column empty).
  lines.push('bad1,not-a-phone,America/New_York,Grace')
  lines.push('bad2,,America/New_York,Alan')
  return `${lines.join('\n')}\n`
}

const step = (page: Page) => page.getByTestId('wizard-step')
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })

/** Opens the create form of the step's picker `n` (0: the first kind of the step). */
async function openForm(page: Page, legend: string, n = 0): Promise<ReturnType<Page['getByRole']>> {
  await step(page)
    .getByRole('button', { name: /^Create (a new one|another)$/ })
    .nth(n)
    .click()
  const form = page.getByRole('group', { name: legend })
  await form.waitFor()
  return form
}

async function createIn(page: Page, legend: string, fields: Record<string, string>) {
  const form = await openForm(page, legend)
  for (const [label, value] of Object.entries(fields))
    await form.getByLabel(label, { exact: true }).fill(value)
  await form.getByRole('button', { name: 'Create', exact: true }).click()
  await form.waitFor({ state: 'detached' })
}

async function continueTo(page: Page, title: string) {
  await step(page).getByRole('button', { name: 'Continue' }).click()
  await step(page).getByRole('heading', { name: title }).waitFor()
}

describe.skipIf(!haveChromium)('the campaign wizard in Chromium (issue 13)', () => {
  it('R4, R5, R5.3: an admin builds a progressive campaign from the empty tenant, uploads contacts with bad rows, starts it, and agents take its calls', async () => {
    // The campaign manager's validation URL, on loopback.
    const manager = createServer((_request, response) => {
      response.statusCode = 200
      response.end()
    })
    await new Promise<void>((resolve) => manager.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(manager.address() as AddressInfo).port}`
    const page = await rig.newPage({ timezoneId: 'America/New_York', acceptDownloads: true })
    try {
      // The empty tenant: no campaign, no agent.
      expect((await rig.adminCall('GET', '/v1/campaigns')).body.total).toBe(0)
      expect((await rig.adminCall('GET', '/v1/agents')).body.total).toBe(0)
      await rig.signIn(page, 'admin', ADMIN_PASSWORD)
      await page.getByRole('button', { name: 'Sign out' }).waitFor()
      await page.getByRole('button', { name: 'Administration' }).click()
      await page
        .getByRole('navigation', { name: 'Configuration objects' })
        .getByRole('link', { name: 'Campaign wizard' })
        .click()
      await page.getByRole('heading', { name: '1. Connector' }).waitFor()
      // Off the link just clicked: axe judges the page as it rests, not a hovered link.
      await page.mouse.move(1200, 780)
      expect(await seriousViolations(page)).toEqual([])

      // 1. Connector.
      const connector = await openForm(page, 'Connector: new')
      await connector.getByLabel('ID *', { exact: true }).fill('cm')
      await connector.getByLabel('Name *', { exact: true }).fill('Campaign manager')
      await connector.getByLabel('Resource domain *').fill(origin)
      await connector.getByLabel('Username *').fill('cm-user')
      await connector.getByLabel('Validation URL *').fill(`${origin}/check`)
      await connector.locator('input[autocomplete="new-password"]').fill('cm-secret-password')
      expect(await seriousViolations(page)).toEqual([])
      await shot(page, 'wizard-1-connector')
      await connector.getByRole('button', { name: 'Create', exact: true }).click()
      await page.getByTestId('chosen-connectors').filter({ hasText: 'Chosen: cm' }).waitFor()

      // 2. Agents and teams: the team starts with the agents just created.
      await continueTo(page, '2. Agents and teams')
      for (const id of AGENTS)
        await createIn(page, 'Agents: new', { 'ID *': id, 'Name *': `Agent ${id.slice(-1)}` })
      await page.getByTestId('chosen-agents').filter({ hasText: 'agent-a, agent-b' }).waitFor()
      await step(page).getByRole('button', { name: 'Create a new one' }).click()
      const team = page.getByRole('group', { name: 'Teams: new' })
      await team.getByLabel('ID *', { exact: true }).fill('team-first')
      await team.getByLabel('Name *', { exact: true }).fill('First team')
      await shot(page, 'wizard-2-agents')
      await team.getByRole('button', { name: 'Create', exact: true }).click()
      await page.getByTestId('chosen-teams').filter({ hasText: 'team-first' }).waitFor()

      // 3. Outdial queue (its distribution group holds the team chosen in step 2).
      await continueTo(page, '3. Outdial queue')
      await createIn(page, 'Queues: new', { 'ID *': 'q-first', 'Name *': 'First outdial' })
      await shot(page, 'wizard-3-queue')

      // 4. Global variables.
      await continueTo(page, '4. Global variables')
      await createIn(page, 'Global variables: new', { 'Name *': 'firstName', Label: 'First name' })
      await shot(page, 'wizard-4-variables')

      // 5. Flow: the default outdial flow, as JSON.
      await continueTo(page, '5. Flow')
      await createIn(page, 'Flows: new', {})
      await page.getByTestId('chosen-flows').filter({ hasText: 'flow-outdial' }).waitFor()
      await shot(page, 'wizard-5-flow')

      // 6. Entry point (the queue and the flow already chosen).
      await continueTo(page, '6. Entry point')
      await createIn(page, 'Entry points: new', { 'ID *': 'ep-first', 'Name *': 'First entry' })
      await shot(page, 'wizard-6-entry-point')

      // 7. Campaign group: the caller ID is missing — said beside the pacing field — then given.
      await continueTo(page, '7. Campaign group')
      const group = await openForm(page, 'Campaign groups: new')
      await group.getByLabel('ID *', { exact: true }).fill('group-first')
      await group.getByLabel('Name *', { exact: true }).fill('First group')
      await group.getByRole('button', { name: 'Create', exact: true }).click()
      await group.locator('.mantine-Textarea-error').filter({ hasText: 'callerId' }).waitFor()
      await shot(page, 'wizard-7-field-error')
      await group
        .getByLabel('Pacing *')
        .fill(JSON.stringify({ mode: 'progressive', callerId: '+15550100000', dialingRate: 1 }))
      await group.getByRole('button', { name: 'Create', exact: true }).click()
      await group.waitFor({ state: 'detached' })
      await page.getByTestId('chosen-campaign-groups').filter({ hasText: 'group-first' }).waitFor()
      await shot(page, 'wizard-7-campaign-group')

      // 8. Campaign: its outcome group first; open all day (CUSTOM) so the test runs at any hour.
      await continueTo(page, '8. Campaign')
      await createIn(page, 'Outcome groups: new', {
        'ID *': 'outcomes-first',
        'Name *': 'Outcomes',
      })
      const campaign = await openForm(page, 'Campaigns: new', 1)
      await campaign.getByLabel('ID *', { exact: true }).fill('first')
      await campaign.getByLabel('Name *', { exact: true }).fill('First campaign')
      await campaign.getByRole('combobox', { name: 'Compliance profile' }).click()
      await page.getByRole('option', { name: 'CUSTOM', exact: true }).click()
      await campaign
        .getByLabel('Calling window')
        .fill(
          JSON.stringify(
            [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, startLocal: '00:00', endLocal: '24:00' })),
          ),
        )
      await shot(page, 'wizard-8-campaign')
      await campaign.getByRole('button', { name: 'Create', exact: true }).click()
      await campaign.waitFor({ state: 'detached' })
      const created = (await rig.adminCall('GET', '/v1/campaigns/first')).body.body
      // Carried forward from the earlier steps.
      expect(created).toMatchObject({
        campaignGroupId: 'group-first',
        businessOutcomeGroupId: 'outcomes-first',
        teamIds: ['team-first'],
        ndncEnabled: false,
      })

      // 9. Call guide, attached to the campaign on Continue.
      await continueTo(page, '9. Call guide')
      await createIn(page, 'Call guides: new', { 'ID *': 'guide-first', 'Name *': 'First script' })
      await shot(page, 'wizard-9-call-guide')
      await continueTo(page, '10. Contacts')
      await page.getByText('Call guide guide-first attached to campaign first.').waitFor()
      expect((await rig.adminCall('GET', '/v1/campaigns/first')).body.body.callGuideFormId).toBe(
        'guide-first',
      )

      // 10. Contacts: a new list with its mapping, then the file on a throttled link.
      const listForm = page.getByRole('group', { name: 'New contact list' })
      await listForm.getByLabel('Time zone column').fill('tz')
      const variables = listForm.getByLabel(/^Customer field columns/)
      await variables.fill('firstName')
      await variables.press('Enter')
      await shot(page, 'upload-1-list')
      await listForm.getByRole('button', { name: 'Create the list' }).click()
      await listForm.waitFor({ state: 'detached' })
      const csv = contactsCsv()
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: THROTTLED_UPLOAD_BYTES_PER_SEC,
      })
      await page.getByRole('button', { name: 'Upload', exact: true }).click()
      const progress = page.getByTestId('upload-progress')
      await progress.getByText(new RegExp(`^[1-9]\\d* of ${csv.length} bytes sent$`)).waitFor()
      await shot(page, 'upload-2-progress')
      await page.getByTestId('upload-summary').waitFor({ timeout: 60_000 })
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      })
      await progress.getByText(`${GOOD_ROWS + 2} rows read`).waitFor()
      const [list] = (await rig.adminCall('GET', '/v1/contact-lists?campaignId=first')).body.items
      expect(list.status).toBe('ready')
      expect(list.counts.rowsRead).toBe(GOOD_ROWS + 2)
      const summary = page.getByTestId('upload-summary')
      expect(await summary.getByRole('row').count()).toBe(Object.keys(list.counts).length)
      const issues = (
        await rig.adminCall('GET', `/v1/contact-lists/${list.id}/issues?limit=200&offset=0`)
      ).body
      expect(issues.total).toBeGreaterThanOrEqual(2)
      const issueTable = page.getByRole('table', { name: `Row issues (${issues.total})` })
      for (const issue of issues.items.slice(0, 10))
        await issueTable.getByRole('row').filter({ hasText: issue.reason }).first().waitFor()
      await shot(page, 'upload-3-summary')
      // The downloaded report is the API's issue list, row for row.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download the issue report (CSV)' }).click(),
      ])
      const report = parse(readFileSync((await download.path())!, 'utf8'), {
        columns: true,
      }) as { row: string; field: string; reason: string }[]
      expect(report.map((r) => ({ ...r, row: Number(r.row) }))).toEqual(issues.items)
      expect(report.map((r) => Number(r.row))).toEqual(
        expect.arrayContaining([GOOD_ROWS + 1, GOOD_ROWS + 2]),
      )

      // 11. Start.
      await continueTo(page, '11. Start')
      await step(page).getByRole('button', { name: 'Start the campaign' }).click()
      await page.getByRole('status').filter({ hasText: 'Campaign first is' }).waitFor()
      expect(await seriousViolations(page)).toEqual([])
      await shot(page, 'wizard-11-start')

      // The agents log in and take calls through the agent desktop API (an admin acts for them).
      for (const id of AGENTS) {
        for (const action of ['login', 'available']) {
          const answer = await rig.adminCall('POST', `/v1/agents/${id}/state`, { action })
          expect(answer.status, JSON.stringify(answer.body)).toBe(202)
        }
      }
      const deadline = Date.now() + CALLS_WAIT_MS
      let dispositioned = 0
      while (Date.now() < deadline && dispositioned < 2) {
        for (const id of AGENTS) {
          const { body } = await rig.adminCall('GET', `/v1/agents/${id}/state`)
          const act = (action: string, code?: string) =>
            rig.adminCall('POST', `/v1/agents/${id}/state`, { action, ...(code ? { code } : {}) })
          if (body.state === 'Reserved') await act('answerReservation')
          else if (body.state === 'Engaged') await act('hangup')
          else if (body.state === 'WrapUp') {
            const done = await act('endWrapUp', 'SALE')
            expect(done.status, JSON.stringify(done.body)).toBe(202)
            dispositioned++
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      expect(dispositioned).toBeGreaterThanOrEqual(2)
      await expect
        .poll(
          async () => {
            const attempts = (await rig.adminCall('GET', '/v1/attempts?campaignId=first&limit=200'))
              .body.items as {
              closedAt: string | null
              outcome: string | null
              disposition: unknown
            }[]
            return attempts.filter(
              (a) => a.closedAt !== null && a.outcome === 'LIVE_VOICE' && a.disposition !== null,
            ).length
          },
          { timeout: 10_000 },
        )
        .toBeGreaterThanOrEqual(2)
    } finally {
      await page.context().close()
      await new Promise((resolve) => manager.close(resolve))
    }
  }, 300_000)

  it('R5.3, R5.4: the contact lists with their counts, and DNC lists with a national list loaded from a file with its load date', async () => {
    const page = await rig.newPage()
    try {
      await rig.signIn(page, 'admin', ADMIN_PASSWORD)
      await page.getByRole('button', { name: 'Sign out' }).waitFor()
      await page.goto(`${rig.server.url}/admin/contact-lists`)
      const lists = page.getByRole('table', { name: 'Contact lists' })
      await lists
        .getByRole('row')
        .filter({ hasText: 'first contacts' })
        .filter({ hasText: `imported ${GOOD_ROWS}` })
        .waitFor()
      await shot(page, 'upload-4-contact-lists')

      await page.goto(`${rig.server.url}/admin/dnc`)
      await page.getByText('No DNC list yet.').waitFor()
      const file = `phoneNumber\n+12125550101\n+12125550102\n(212) 555-0103\nnot a number\n`
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'national.csv', mimeType: 'text/csv', buffer: Buffer.from(file) })
      await shot(page, 'dnc-1-load')
      await page.getByRole('button', { name: 'Upload', exact: true }).click()
      await page.getByRole('status').filter({ hasText: 'List national loaded' }).waitFor()
      await page.getByText('3 numbers on the list; 1 rows rejected.').waitFor()
      const [national] = (await rig.adminCall('GET', '/v1/dncList')).body.items
      expect(national).toMatchObject({ name: 'national', kind: 'national', region: 'US', count: 3 })
      const row = page
        .getByRole('table', { name: 'DNC lists' })
        .getByRole('row', { name: /national/ })
      await row.getByText(new Date(national.loadedAt).toLocaleDateString('en-US')).waitFor()
      await page.mouse.move(1200, 780)
      expect(await seriousViolations(page)).toEqual([])
      await shot(page, 'dnc-2-lists')

      // The wizard in Polish.
      await page.getByText('Polski').click()
      await page.goto(`${rig.server.url}/admin/wizard`)
      await page.getByRole('heading', { name: 'Kreator kampanii' }).waitFor()
      await page.getByRole('heading', { name: '1. Konektor' }).waitFor()
      await shot(page, 'wizard-polish')
    } finally {
      await page.context().close()
    }
  }, 120_000)
})
