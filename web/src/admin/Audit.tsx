// The audit log (issue 13, R4.2), newest first, filtered by who, object kind, action (exact or a
// prefix ending in a dot) and a time range — the filters GET /v1/audit takes — and paged.
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { DateTime } from 'luxon'
import { useState } from 'react'
import { type AuditQuery, client } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import { ADMIN_KINDS } from './kinds.ts'
import { Pager } from './Pager.tsx'

const PAGE_SIZE = 25
/** The object kinds the log names: every configuration kind (`/v1/teams` → team), and the rest. */
const AUDIT_KINDS = [
  ...new Set([
    ...ADMIN_KINDS.map((k) => k.path.slice('/v1/'.length, -1)),
    'user',
    'dnc-list',
    'contact-list',
    'contact',
    'dialer-campaign',
  ]),
]

interface Filters {
  actor: string | null
  kind: string | null
  action: string
  from: string
  to: string
}
const NO_FILTERS: Filters = { actor: null, kind: null, action: '', from: '', to: '' }

/** A `datetime-local` value (the user's zone) as the ISO instant the API takes. */
const instantOf = (local: string): string | undefined =>
  local ? (DateTime.fromISO(local).toUTC().toISO() ?? undefined) : undefined

function queryOf(filters: Filters, offset: number): AuditQuery {
  const from = instantOf(filters.from)
  const to = instantOf(filters.to)
  return {
    limit: PAGE_SIZE,
    offset,
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  }
}

export function Audit() {
  const { t, language } = useI18n()
  const [draft, setDraft] = useState<Filters>(NO_FILTERS)
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [offset, setOffset] = useState(0)
  const users = useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => client.get('/v1/users', { query: { limit: 200, offset: 0 } }),
  })
  const log = useQuery({
    queryKey: ['audit', filters, offset],
    queryFn: () => client.get('/v1/audit', { query: queryOf(filters, offset) }),
    placeholderData: keepPreviousData,
  })
  const nameOf = (userId: string) =>
    users.data?.items.find((u) => u.id === userId)?.username ?? userId
  return (
    <Stack>
      <Title order={2}>{t('kindAudit')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          setOffset(0)
          setFilters(draft)
        }}
      >
        <Group align="flex-end">
          <Select
            label={t('auditWho')}
            placeholder={t('anyone')}
            clearable
            data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.username }))}
            value={draft.actor}
            onChange={(actor) => setDraft({ ...draft, actor })}
          />
          <Select
            label={t('auditKind')}
            placeholder={t('anyKind')}
            clearable
            data={AUDIT_KINDS}
            value={draft.kind}
            onChange={(kind) => setDraft({ ...draft, kind })}
          />
          <TextInput
            label={t('auditAction')}
            placeholder={t('auditActionHint')}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
          />
          <TextInput
            type="datetime-local"
            label={t('auditFrom')}
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
          <TextInput
            type="datetime-local"
            label={t('auditTo')}
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <Button type="submit">{t('apply')}</Button>
        </Group>
      </form>
      {log.isError ? (
        <Alert color="red" title={t('errorTitle')}>
          {log.error.message}
        </Alert>
      ) : null}
      {log.data && log.data.items.length === 0 ? <Text>{t('listEmpty')}</Text> : null}
      {log.data && log.data.items.length > 0 ? (
        <>
          <Table striped aria-label={t('kindAudit')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('auditAt')}</Table.Th>
                <Table.Th>{t('auditWho')}</Table.Th>
                <Table.Th>{t('auditAction')}</Table.Th>
                <Table.Th>{t('auditObject')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    {DateTime.fromISO(entry.at)
                      .setLocale(language)
                      .toLocaleString(DateTime.DATETIME_SHORT_WITH_SECONDS)}
                  </Table.Td>
                  <Table.Td>{nameOf(entry.actorUserId)}</Table.Td>
                  <Table.Td>{entry.action}</Table.Td>
                  <Table.Td>
                    {entry.objectKind}/{entry.objectId}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager offset={offset} limit={PAGE_SIZE} total={log.data.total} onOffset={setOffset} />
        </>
      ) : null}
    </Stack>
  )
}
