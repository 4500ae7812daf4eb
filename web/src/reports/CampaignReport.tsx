// The campaign report (issue 13, R9.1): campaigns grouped by mode family → a campaign's 15-minute,
// hourly or daily intervals → the agents of one interval → that agent's attempts in it, each level
// from its API table (and its CSV), the drill path in the URL.
import {
  Alert,
  Anchor,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { DateTime } from 'luxon'
import { client } from '../api.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'
import { CsvLink, duration, FiguresTable } from './FiguresTable.tsx'
import { intervalRangeOf, type ReportRoute, rangeOf, SIZES } from './route.ts'

const FAMILY_LABELS: Record<string, MessageKey> = {
  predictive_progressive: 'familyPredictiveProgressive',
  preview: 'familyPreview',
  ivr: 'familyIvr',
  unknown: 'familyUnknown',
}

interface Props {
  route: ReportRoute
  nav(route: ReportRoute): void
  href(route: ReportRoute): string
}

function Pending(props: { error: Error | null }) {
  const { t } = useI18n()
  if (props.error)
    return (
      <Alert color="red" title={t('reportLoadFailed')} role="alert">
        {props.error.message}
      </Alert>
    )
  return <Loader aria-label={t('loading')} />
}

/** A link that drills on in the page (a plain link for a new tab). */
function Drill(props: Props & { to: ReportRoute; children: string }) {
  return (
    <Anchor
      href={props.href(props.to)}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey) return
        event.preventDefault()
        props.nav(props.to)
      }}
    >
      {props.children}
    </Anchor>
  )
}

export function startLabel(iso: string, size: string, language: string): string {
  const at = DateTime.fromISO(iso, { setZone: true }).setLocale(language)
  return size === '1d'
    ? at.toLocaleString(DateTime.DATE_MED)
    : at.toLocaleString(DateTime.DATETIME_SHORT)
}

export function Campaigns(props: Props) {
  const { t } = useI18n()
  const range = rangeOf(props.route)
  const report = useQuery({
    queryKey: ['report-campaigns', range],
    queryFn: () => client.get('/v1/reports/campaigns', { query: range }),
  })
  if (!report.data) return <Pending error={report.error} />
  return (
    <Stack>
      <Group justify="flex-end">
        <CsvLink path="/v1/reports/campaigns" query={range} />
      </Group>
      {report.data.families.map((family) => {
        const label = t(FAMILY_LABELS[family.family] ?? 'familyUnknown')
        return (
          <section key={family.family} aria-label={label}>
            <Title order={3} size="h4" mb="xs">
              {label}
            </Title>
            <FiguresTable
              label={label}
              lead={[t('colCampaign'), t('colSource')]}
              rows={[
                ...family.campaigns.map((c) => ({
                  id: c.campaignId,
                  lead: [
                    <Drill
                      key="name"
                      {...props}
                      to={{ ...props.route, view: 'intervals', campaignId: c.campaignId }}
                    >
                      {c.name}
                    </Drill>,
                    t(c.source === 'dialerApi' ? 'sourceDialerApi' : 'sourceCampaignManager'),
                  ],
                  figures: c.figures,
                })),
                {
                  id: `totals:${family.family}`,
                  lead: [
                    <Text key="total" fw={700}>
                      {t('familyTotals', { family: label })}
                    </Text>,
                    '',
                  ],
                  figures: family.totals,
                },
              ]}
            />
          </section>
        )
      })}
    </Stack>
  )
}

export function Intervals(props: Props) {
  const { t, language } = useI18n()
  const { route } = props
  const campaignId = route.campaignId!
  const query = { ...rangeOf(route), size: route.size }
  const report = useQuery({
    queryKey: ['report-intervals', campaignId, query],
    queryFn: () =>
      client.get('/v1/reports/campaigns/{id}/intervals', { path: { id: campaignId }, query }),
  })
  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('intervalSize')}
          value={route.size}
          onChange={(size) => props.nav({ ...route, size: size as ReportRoute['size'] })}
          data={SIZES.map((s) => ({ value: s, label: t(`size${s}` as MessageKey) }))}
        />
        <CsvLink
          path={`/v1/reports/campaigns/${encodeURIComponent(campaignId)}/intervals`}
          query={query}
        />
      </Group>
      {!report.data ? (
        <Pending error={report.error} />
      ) : report.data.rows.length === 0 ? (
        <Text>{t('reportEmpty')}</Text>
      ) : (
        <FiguresTable
          label={report.data.campaign.name}
          lead={[t('colInterval')]}
          rows={report.data.rows.map((row) => ({
            id: row.start,
            lead: [
              <Drill key="start" {...props} to={{ ...route, view: 'agents', at: row.start }}>
                {startLabel(row.start, route.size, language)}
              </Drill>,
            ],
            figures: row,
          }))}
        />
      )}
    </Stack>
  )
}

export function IntervalAgents(props: Props) {
  const { t } = useI18n()
  const { route } = props
  const campaignId = route.campaignId!
  const query = intervalRangeOf(route)
  const report = useQuery({
    queryKey: ['report-agents', campaignId, query],
    queryFn: () =>
      client.get('/v1/reports/campaigns/{id}/agents', { path: { id: campaignId }, query }),
  })
  return (
    <Stack>
      <Group justify="flex-end">
        <CsvLink
          path={`/v1/reports/campaigns/${encodeURIComponent(campaignId)}/agents`}
          query={query}
        />
      </Group>
      {!report.data ? (
        <Pending error={report.error} />
      ) : (
        <FiguresTable
          label={t('colAgent')}
          lead={[t('colAgent')]}
          rows={report.data.rows.map((row) => ({
            id: row.agentId ?? '',
            lead: [
              row.agentId === null ? (
                t('noAgent')
              ) : (
                <Drill
                  key="agent"
                  {...props}
                  to={{ ...route, view: 'attempts', agentId: row.agentId }}
                >
                  {row.agentId}
                </Drill>
              ),
            ],
            figures: row,
          }))}
        />
      )}
    </Stack>
  )
}

/** At most this many attempts are shown; the CSV has them all. */
const ATTEMPTS_SHOWN = 200

export function AgentAttempts(props: Props) {
  const { t, time } = useI18n()
  const { route } = props
  const query = {
    ...intervalRangeOf(route),
    campaignId: route.campaignId!,
    agentId: route.agentId!,
  }
  const report = useQuery({
    queryKey: ['report-attempts', query],
    queryFn: () => client.get('/v1/attempts', { query: { ...query, limit: ATTEMPTS_SHOWN } }),
  })
  if (!report.data) return <Pending error={report.error} />
  const variables = [...new Set(report.data.items.flatMap((a) => Object.keys(a.variables)))].sort()
  const at = (iso: string | null) => (iso ? time(Date.parse(iso)) : '')
  return (
    <Stack>
      <Group justify="space-between">
        <Text>
          {t('attemptsTotal', { shown: report.data.items.length, total: report.data.total })}
        </Text>
        <CsvLink path="/v1/attempts" query={query} />
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label={route.agentId!}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colOpened')}</Table.Th>
              <Table.Th>{t('colNumber')}</Table.Th>
              <Table.Th>{t('colOutcome')}</Table.Th>
              <Table.Th>{t('colDisposition')}</Table.Th>
              <Table.Th>{t('colConnected')}</Table.Th>
              <Table.Th>{t('colClosed')}</Table.Th>
              <Table.Th>{t('colTalk')}</Table.Th>
              <Table.Th>{t('colAnswers')}</Table.Th>
              {variables.map((name) => (
                <Table.Th key={name}>{name}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.data.items.map((a) => (
              <Table.Tr key={a.id} data-attempt={a.id}>
                <Table.Td>{at(a.openedAt)}</Table.Td>
                <Table.Td>{a.number}</Table.Td>
                <Table.Td data-testid="outcome">{a.outcome ?? 'OPEN'}</Table.Td>
                <Table.Td data-testid="disposition">{a.disposition?.code ?? ''}</Table.Td>
                <Table.Td>{at(a.connectedAt)}</Table.Td>
                <Table.Td>{at(a.closedAt)}</Table.Td>
                <Table.Td data-testid="talk">{duration(a.talkSec)}</Table.Td>
                <Table.Td>
                  {a.callGuide
                    ? Object.entries(a.callGuide.answers)
                        .map(([q, v]) => `${q}: ${String(v)}`)
                        .join('; ')
                    : ''}
                </Table.Td>
                {variables.map((name) => (
                  <Table.Td key={name}>{a.variables[name] ?? ''}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  )
}
