// One report table of figures (issue 13, R9.1): a row per campaign, interval or agent with its
// attempts, connects, abandons, rates, talk time, outcomes and dispositions; a row may drill on.
import { Anchor, Table } from '@mantine/core'
import type { ReactNode } from 'react'
import type { client } from '../api.ts'
import { useI18n } from '../i18n.tsx'

export type Figures = Awaited<
  ReturnType<typeof client.get<'/v1/reports/campaigns'>>
>['families'][number]['totals']

const counts = (map: Record<string, number>) =>
  Object.entries(map)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ')

export function duration(sec: number): string {
  const h = Math.floor(sec / 3600)
  const m = Math.floor((sec % 3600) / 60)
  const s = sec % 60
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
}

export interface FigureRow {
  id: string
  /** The first cells (the row's name, a link when it drills on). */
  lead: ReactNode[]
  figures: Figures
}

export function FiguresTable(props: { label: string; lead: string[]; rows: FigureRow[] }) {
  const { t } = useI18n()
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-label={props.label}>
        <Table.Thead>
          <Table.Tr>
            {props.lead.map((name) => (
              <Table.Th key={name}>{name}</Table.Th>
            ))}
            <Table.Th>{t('colAttempts')}</Table.Th>
            <Table.Th>{t('colConnects')}</Table.Th>
            <Table.Th>{t('colAbandons')}</Table.Th>
            <Table.Th>{t('colConnectRate')}</Table.Th>
            <Table.Th>{t('colAbandonRate')}</Table.Th>
            <Table.Th>{t('colTalk')}</Table.Th>
            <Table.Th>{t('colOutcomes')}</Table.Th>
            <Table.Th>{t('colDispositions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={row.id} data-row={row.id}>
              {row.lead.map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                <Table.Td key={i}>{cell}</Table.Td>
              ))}
              <Table.Td data-testid="attempts">{row.figures.attempts}</Table.Td>
              <Table.Td data-testid="connects">{row.figures.connects}</Table.Td>
              <Table.Td data-testid="abandons">{row.figures.abandons}</Table.Td>
              <Table.Td>{row.figures.connectRatePct}</Table.Td>
              <Table.Td>{row.figures.abandonRatePct}</Table.Td>
              <Table.Td data-testid="talk">{duration(row.figures.talkSec)}</Table.Td>
              <Table.Td>{counts(row.figures.outcomes)}</Table.Td>
              <Table.Td>{counts(row.figures.dispositions)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** The table's CSV: the same API path and query with format=csv. */
export function CsvLink(props: { path: string; query: Record<string, string | undefined> }) {
  const { t } = useI18n()
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(props.query))
    if (value !== undefined) query.set(name, value)
  query.set('format', 'csv')
  return (
    <Anchor href={`${props.path}?${query}`} download>
      {t('downloadCsv')}
    </Anchor>
  )
}
