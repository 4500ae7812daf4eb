// One list page for every configuration kind (issue 13): searched by a part of the id or the name
// (the API's `q`), paged with the API's paging, with its empty and error states.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useI18n } from '../i18n.tsx'
import { configApi } from './config-api.ts'
import type { AdminKind } from './kinds.ts'
import { Pager } from './Pager.tsx'

const PAGE_SIZE = 20

export function ListPage(props: { kind: AdminKind; readOnly: boolean; go(path: string): void }) {
  const { kind, readOnly, go } = props
  const { t, language } = useI18n()
  const [q, setQ] = useState('')
  const [offset, setOffset] = useState(0)
  const list = useQuery({
    queryKey: ['config-list', kind.slug, q, offset],
    queryFn: () => configApi.list(kind, { ...(q ? { q } : {}), limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  })
  const open = (id: string) => go(`/admin/${kind.slug}/${encodeURIComponent(id)}`)
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t(kind.label)}</Title>
        {readOnly ? null : (
          <Button onClick={() => go(`/admin/${kind.slug}/new`)}>{t('create')}</Button>
        )}
      </Group>
      <TextInput
        label={t('search')}
        placeholder={t('searchHint')}
        maw={360}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value)
          setOffset(0)
        }}
      />
      {list.isPending ? <Loader aria-label={t('loading')} /> : null}
      {list.isError ? (
        <Alert color="red" title={t('errorTitle')}>
          {list.error.message}
          <Button mt="sm" size="xs" onClick={() => list.refetch()}>
            {t('retry')}
          </Button>
        </Alert>
      ) : null}
      {list.data && list.data.items.length === 0 ? (
        <Text>{q ? t('listEmptySearch', { q }) : t('listEmpty')}</Text>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <>
          <Table striped highlightOnHover aria-label={t(kind.label)}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('colId')}</Table.Th>
                <Table.Th>{t('colName')}</Table.Th>
                <Table.Th>{t('colVersion')}</Table.Th>
                <Table.Th>{t('colUpdated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor
                      size="sm"
                      href={`/admin/${kind.slug}/${encodeURIComponent(item.id)}`}
                      onClick={(e) => {
                        e.preventDefault()
                        open(item.id)
                      }}
                    >
                      {item.id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.name}</Table.Td>
                  <Table.Td>{item.version}</Table.Td>
                  <Table.Td>{new Date(item.updatedAt).toLocaleString(language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager offset={offset} limit={PAGE_SIZE} total={list.data.total} onOffset={setOffset} />
        </>
      ) : null}
    </Stack>
  )
}
