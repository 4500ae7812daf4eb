// The admin's contact lists (issue 13, R5.3): `/admin/contact-lists` — every list with its campaign,
// status and counts, paged from the API, and the contact upload into a chosen campaign.
import { Select, Stack, Table, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { configApi } from '../admin/config-api.ts'
import { fieldLabel } from '../admin/field-label.ts'
import { kindOf } from '../admin/kinds.ts'
import { Pager } from '../admin/Pager.tsx'
import { client } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { ContactUpload } from './ContactUpload.tsx'

const PAGE_SIZE = 20
/** Campaigns offered for an upload (the API's largest page). */
const CAMPAIGNS_SHOWN_MAX = 200

export function ContactLists() {
  const { t, language } = useI18n()
  const queryClient = useQueryClient()
  const [offset, setOffset] = useState(0)
  const [campaignId, setCampaignId] = useState<string | null>(null)
  const lists = useQuery({
    queryKey: ['contact-lists', 'all', offset],
    queryFn: () => client.get('/v1/contact-lists', { query: { limit: PAGE_SIZE, offset } }),
    placeholderData: keepPreviousData,
  })
  const campaigns = useQuery({
    queryKey: ['config-list', 'campaigns', 'contact-lists'],
    queryFn: () => configApi.list(kindOf('campaigns')!, { limit: CAMPAIGNS_SHOWN_MAX, offset: 0 }),
  })
  const items = lists.data?.items ?? []
  return (
    <Stack>
      <Title order={2}>{t('contactListsTitle')}</Title>
      {lists.isSuccess && items.length === 0 ? <Text>{t('contactListsEmpty')}</Text> : null}
      {items.length > 0 ? (
        <Table aria-label={t('contactListsTitle')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colId')}</Table.Th>
              <Table.Th>{t('colName')}</Table.Th>
              <Table.Th>{t('contactListsCampaign')}</Table.Th>
              <Table.Th>{t('colStatus')}</Table.Th>
              <Table.Th>{t('colCounts')}</Table.Th>
              <Table.Th>{t('colCreated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.id}</Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>{l.campaignId}</Table.Td>
                <Table.Td>{l.status}</Table.Td>
                <Table.Td>
                  {Object.entries(l.counts)
                    .map(([name, count]) => `${fieldLabel(name, false, language)} ${count}`)
                    .join(' · ')}
                </Table.Td>
                <Table.Td>{new Date(l.createdAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Pager
        offset={offset}
        limit={PAGE_SIZE}
        total={lists.data?.total ?? 0}
        onOffset={setOffset}
      />
      <Select
        label={t('contactListsCampaign')}
        data={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.id }))}
        value={campaignId}
        onChange={setCampaignId}
        searchable
        maw={360}
      />
      {campaignId ? (
        <ContactUpload
          key={campaignId}
          campaignId={campaignId}
          onDone={() => queryClient.invalidateQueries({ queryKey: ['contact-lists', 'all'] })}
        />
      ) : null}
    </Stack>
  )
}
