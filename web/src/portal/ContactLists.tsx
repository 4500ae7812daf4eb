// A campaign's contact lists with their counts (R5.7, R5.3). The upload itself is another
// component (web/src/uploads/ContactUpload.tsx); it is given to this page as `Upload`, drawn
// above the lists, and its `onDone` reloads them.
import { Alert, Loader, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { ComponentType } from 'react'
import { client } from '../api.ts'
import { useI18n } from '../i18n.tsx'

/** The upload component's props (the contact upload into a chosen campaign). */
export interface UploadProps {
  campaignId: string
  onDone?: () => void
}

export function ContactLists(props: { campaignId: string; Upload?: ComponentType<UploadProps> }) {
  const { t, language } = useI18n()
  const { campaignId, Upload } = props
  const lists = useQuery({
    queryKey: ['portal-contact-lists', campaignId],
    queryFn: () => client.get('/v1/contact-lists', { query: { campaignId, limit: 200 } }),
  })
  return (
    <Stack>
      <Title order={3}>{t('portalListsOf', { id: campaignId })}</Title>
      {/* The contact upload into this campaign (ContactUpload), when the app provides it. */}
      {Upload ? <Upload campaignId={campaignId} onDone={() => void lists.refetch()} /> : null}
      {lists.isPending ? <Loader aria-label={t('loading')} /> : null}
      {lists.isError ? <Alert color="red">{lists.error.message}</Alert> : null}
      {lists.data && lists.data.items.length === 0 ? <Text>{t('portalNoLists')}</Text> : null}
      {lists.data && lists.data.items.length > 0 ? (
        <Table striped aria-label={t('portalListsOf', { id: campaignId })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colId')}</Table.Th>
              <Table.Th>{t('colName')}</Table.Th>
              <Table.Th>{t('portalColStatus')}</Table.Th>
              <Table.Th>{t('portalColCounts')}</Table.Th>
              <Table.Th>{t('portalColCreated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.data.items.map((list) => (
              <Table.Tr key={list.id}>
                <Table.Td>{list.id}</Table.Td>
                <Table.Td>{list.name}</Table.Td>
                <Table.Td>
                  {list.failure ? `${list.status}: ${list.failure}` : list.status}
                </Table.Td>
                <Table.Td>
                  {Object.entries(list.counts)
                    .map(([name, count]) => `${name} ${count}`)
                    .join(' · ')}
                </Table.Td>
                <Table.Td>{new Date(list.createdAt).toLocaleString(language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  )
}
