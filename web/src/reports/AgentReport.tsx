// The agent report (issue 13, R9.1): per agent, logged-in, available, reserved, talk, wrap-up and
// idle time (idle and wrap-up by code), and per hour attempts, connects and dispositions.
import { Alert, Group, Loader, Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { client } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { startLabel } from './CampaignReport.tsx'
import { CsvLink, duration } from './FiguresTable.tsx'
import { type ReportRoute, rangeOf } from './route.ts'

const byCode = (map: Record<string, number>) =>
  Object.entries(map)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, sec]) => `${code} ${duration(sec)}`)
    .join(', ')

export function AgentReport(props: { route: ReportRoute }) {
  const { t, language } = useI18n()
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const query = { ...rangeOf(props.route), zone }
  const report = useQuery({
    queryKey: ['report-agent-times', query],
    queryFn: () => client.get('/v1/reports/agents', { query }),
  })
  if (!report.data)
    return report.error ? (
      <Alert color="red" title={t('reportLoadFailed')} role="alert">
        {report.error.message}
      </Alert>
    ) : (
      <Loader aria-label={t('loading')} />
    )
  return (
    <Stack>
      <Group justify="flex-end">
        <CsvLink path="/v1/reports/agents" query={query} />
      </Group>
      {report.data.rows.length === 0 ? (
        <Text>{t('reportEmpty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('reportAgents')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('colAgent')}</Table.Th>
                <Table.Th>{t('colLoggedIn')}</Table.Th>
                <Table.Th>{t('colAvailable')}</Table.Th>
                <Table.Th>{t('colReserved')}</Table.Th>
                <Table.Th>{t('colTalk')}</Table.Th>
                <Table.Th>{t('colWrapUp')}</Table.Th>
                <Table.Th>{t('colIdle')}</Table.Th>
                <Table.Th>{t('colIdleByCode')}</Table.Th>
                <Table.Th>{t('colWrapUpByCode')}</Table.Th>
                <Table.Th>{t('colHours')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.rows.map((row) => (
                <Table.Tr key={row.agentId} data-row={row.agentId}>
                  <Table.Td>{row.agentId}</Table.Td>
                  <Table.Td data-testid="logged-in">{duration(row.loggedInSec)}</Table.Td>
                  <Table.Td>{duration(row.availableSec)}</Table.Td>
                  <Table.Td>{duration(row.reservedSec)}</Table.Td>
                  <Table.Td data-testid="talk">{duration(row.talkSec)}</Table.Td>
                  <Table.Td>{duration(row.wrapUpSec)}</Table.Td>
                  <Table.Td>{duration(row.idleSec)}</Table.Td>
                  <Table.Td>{byCode(row.idleSecByCode)}</Table.Td>
                  <Table.Td>{byCode(row.wrapUpSecByCode)}</Table.Td>
                  <Table.Td>
                    {row.hours.map((h) => (
                      <div key={h.start}>
                        {t('hourLine', {
                          start: startLabel(h.start, '1h', language),
                          attempts: h.attempts,
                          connects: h.connects,
                        })}
                        {Object.keys(h.dispositions).length > 0
                          ? ` (${Object.entries(h.dispositions)
                              .map(([c, n]) => `${c} ${n}`)
                              .join(', ')})`
                          : ''}
                      </div>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
