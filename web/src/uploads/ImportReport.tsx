// What an import of a contact list gave (issue 13, R5.3, R5.4): its counts (rows read, imported,
// rejected, duplicates merged, invalid numbers, DNC …, as the API counts them), then the per-row
// issue report paged from the API, and the whole report as the API's CSV download.
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { fieldLabel } from '../admin/field-label.ts'
import { Pager } from '../admin/Pager.tsx'
import { client } from '../api.ts'
import { useI18n } from '../i18n.tsx'

/** Issues per page of the report. */
const ISSUES_PAGE = 10

export function ImportReport(props: { listId: string; counts: Record<string, number> }) {
  const { listId, counts } = props
  const { t, language } = useI18n()
  const [offset, setOffset] = useState(0)
  const issues = useQuery({
    queryKey: ['contact-list-issues', listId, offset],
    queryFn: () =>
      client.get('/v1/contact-lists/{id}/issues', {
        path: { id: listId },
        query: { limit: ISSUES_PAGE, offset },
      }),
    placeholderData: keepPreviousData,
  })
  const total = issues.data?.total ?? 0
  return (
    <Stack gap="sm">
      <Title order={4}>{t('uploadSummary')}</Title>
      <Table aria-label={t('uploadSummary')} maw={420} data-testid="upload-summary">
        <Table.Tbody>
          {Object.entries(counts).map(([name, count]) => (
            <Table.Tr key={name}>
              <Table.Td title={name}>{fieldLabel(name, false, language)}</Table.Td>
              <Table.Td>{count}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Title order={4}>{t('uploadIssues', { total })}</Title>
        <Anchor href={`/v1/contact-lists/${encodeURIComponent(listId)}/issues.csv`} download>
          {t('uploadDownload')}
        </Anchor>
      </Group>
      {total === 0 && issues.isSuccess ? <Text size="sm">{t('uploadNoIssues')}</Text> : null}
      {total > 0 ? (
        <>
          <Table aria-label={t('uploadIssues', { total })} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('uploadRow')}</Table.Th>
                <Table.Th>{t('uploadField')}</Table.Th>
                <Table.Th>{t('uploadReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(issues.data?.items ?? []).map((issue) => (
                <Table.Tr key={`${issue.row}:${issue.field}:${issue.reason}`}>
                  <Table.Td>{issue.row}</Table.Td>
                  <Table.Td>{issue.field}</Table.Td>
                  <Table.Td>{issue.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager offset={offset} limit={ISSUES_PAGE} total={total} onOffset={setOffset} />
        </>
      ) : null}
    </Stack>
  )
}
