// A campaign's own reports in the portal (R5.7, R9.1): its figures, its intervals and its agents
// from the report API, a table each with the same table's CSV export (`?format=csv`).
import { Alert, Anchor, Group, Loader, SegmentedControl, Stack, Table, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { client } from '../api.ts'
import { useI18n } from '../i18n.tsx'

interface Figures {
  attempts: number
  connects: number
  abandons: number
  connectRatePct: number
  abandonRatePct: number
  talkSec: number
  outcomes: Record<string, number>
  dispositions: Record<string, number>
}

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ')

function FigureCells(props: { row: Figures }) {
  const { row } = props
  return (
    <>
      <Table.Td>{row.attempts}</Table.Td>
      <Table.Td>{row.connects}</Table.Td>
      <Table.Td>{row.abandons}</Table.Td>
      <Table.Td>{row.connectRatePct}</Table.Td>
      <Table.Td>{row.abandonRatePct}</Table.Td>
      <Table.Td>{row.talkSec}</Table.Td>
      <Table.Td>{counts(row.outcomes)}</Table.Td>
      <Table.Td>{counts(row.dispositions)}</Table.Td>
    </>
  )
}

function FigureHeads(props: { first: string }) {
  const { t } = useI18n()
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{props.first}</Table.Th>
        <Table.Th>{t('portalColAttempts')}</Table.Th>
        <Table.Th>{t('portalColConnects')}</Table.Th>
        <Table.Th>{t('portalColAbandons')}</Table.Th>
        <Table.Th>{t('portalColConnectRate')}</Table.Th>
        <Table.Th>{t('portalColAbandonRate')}</Table.Th>
        <Table.Th>{t('portalColTalk')}</Table.Th>
        <Table.Th>{t('portalColOutcomes')}</Table.Th>
        <Table.Th>{t('portalColDispositions')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  )
}

function Section(props: { title: string; csv: string; children: React.ReactNode }) {
  const { t } = useI18n()
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3}>{props.title}</Title>
        <Anchor href={props.csv} download>
          {t('portalCsv', { table: props.title })}
        </Anchor>
      </Group>
      <Table.ScrollContainer minWidth={700}>{props.children}</Table.ScrollContainer>
    </Stack>
  )
}

const INTERVAL_SIZES = ['15m', '1h', '1d'] as const

export function CampaignReports(props: { campaignId: string }) {
  const { t } = useI18n()
  const { campaignId } = props
  const [size, setSize] = useState<(typeof INTERVAL_SIZES)[number]>('1h')
  const path = { id: campaignId }
  const summary = useQuery({
    queryKey: ['portal-report', 'campaigns'],
    queryFn: () => client.get('/v1/reports/campaigns'),
  })
  const intervals = useQuery({
    queryKey: ['portal-report', 'intervals', campaignId, size],
    queryFn: () => client.get('/v1/reports/campaigns/{id}/intervals', { path, query: { size } }),
  })
  const agents = useQuery({
    queryKey: ['portal-report', 'agents', campaignId],
    queryFn: () => client.get('/v1/reports/campaigns/{id}/agents', { path }),
  })
  const failed = [summary, intervals, agents].find((q) => q.isError)
  if (failed?.error) return <Alert color="red">{failed.error.message}</Alert>
  if (!summary.data || !intervals.data || !agents.data) return <Loader aria-label={t('loading')} />
  const own = summary.data.families
    .flatMap((f) => f.campaigns.map((c) => ({ ...c, family: f.family })))
    .find((c) => c.campaignId === campaignId)
  const base = `/v1/reports/campaigns/${encodeURIComponent(campaignId)}`
  return (
    <Stack>
      <Section title={t('portalReportCampaign')} csv="/v1/reports/campaigns?format=csv">
        <Table striped aria-label={t('portalReportCampaign')}>
          <FigureHeads first={t('portalColFamily')} />
          <Table.Tbody>
            {own ? (
              <Table.Tr>
                <Table.Td>{own.family}</Table.Td>
                <FigureCells row={own.figures} />
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Section>
      <SegmentedControl
        aria-label={t('portalIntervalSize')}
        value={size}
        onChange={(next) => setSize(next as (typeof INTERVAL_SIZES)[number])}
        data={INTERVAL_SIZES.map((s) => ({ value: s, label: s }))}
        w="fit-content"
      />
      <Section title={t('portalReportIntervals')} csv={`${base}/intervals?size=${size}&format=csv`}>
        <Table striped aria-label={t('portalReportIntervals')}>
          <FigureHeads first={t('portalColStart', { zone: intervals.data.zone })} />
          <Table.Tbody>
            {intervals.data.rows.map((row) => (
              <Table.Tr key={row.start}>
                <Table.Td>{row.start}</Table.Td>
                <FigureCells row={row} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <Section title={t('portalReportAgents')} csv={`${base}/agents?format=csv`}>
        <Table striped aria-label={t('portalReportAgents')}>
          <FigureHeads first={t('portalColAgent')} />
          <Table.Tbody>
            {agents.data.rows.map((row) => (
              <Table.Tr key={row.agentId ?? '-'}>
                <Table.Td>{row.agentId ?? t('portalNoAgent')}</Table.Td>
                <FigureCells row={row} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  )
}
