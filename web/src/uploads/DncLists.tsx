// The admin's DNC lists (issue 13, R5.4, R10.3): `/admin/dnc` — every list with its kind, size and,
// for a national list, its region and the date its file was last loaded; and the load of a list
// from a CSV file (replacing its numbers) with a progress bar of the bytes sent.
import {
  Alert,
  Button,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiFailure, client } from '../api.ts'
import type { paths } from '../api-schema.d.ts'
import { useI18n } from '../i18n.tsx'
import { sendFile } from './send-file.ts'

type LoadAnswer =
  paths['/v1/dncList/{name}/file']['put']['responses'][200]['content']['application/json']

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; sent: number; total: number }
  | { kind: 'done'; answer: LoadAnswer }
  | { kind: 'failed'; message: string }

export function DncLists() {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const lists = useQuery({ queryKey: ['dnc-lists'], queryFn: () => client.get('/v1/dncList') })
  const [name, setName] = useState('national')
  const [kind, setKind] = useState<'internal' | 'national'>('national')
  const [region, setRegion] = useState<'US' | 'UK'>('US')
  const [country, setCountry] = useState('US')
  const [file, setFile] = useState<File | null>(null)
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })

  const load = async () => {
    if (!file) return
    setPhase({ kind: 'sending', sent: 0, total: file.size })
    const query = new URLSearchParams({
      kind,
      ...(kind === 'national' ? { region } : {}),
      ...(country ? { defaultCountry: country } : {}),
    })
    try {
      const answer = await sendFile<LoadAnswer>(
        'PUT',
        `/v1/dncList/${encodeURIComponent(name)}/file?${query}`,
        file,
        'text/csv',
        (sent, total) => setPhase({ kind: 'sending', sent, total }),
      )
      setPhase({ kind: 'done', answer })
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setPhase({ kind: 'failed', message: error.message })
    }
    await queryClient.invalidateQueries({ queryKey: ['dnc-lists'] })
  }

  const items = lists.data?.items ?? []
  return (
    <Stack>
      <Title order={2}>{t('dncTitle')}</Title>
      {lists.isSuccess && items.length === 0 ? <Text>{t('dncEmpty')}</Text> : null}
      {items.length > 0 ? (
        <Table aria-label={t('dncTitle')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colName')}</Table.Th>
              <Table.Th>{t('dncKind')}</Table.Th>
              <Table.Th>{t('dncRegion')}</Table.Th>
              <Table.Th>{t('dncCount')}</Table.Th>
              <Table.Th>{t('dncLoadedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((l) => (
              <Table.Tr key={l.name}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>{l.kind}</Table.Td>
                <Table.Td>{l.region ?? '—'}</Table.Td>
                <Table.Td>{l.count}</Table.Td>
                <Table.Td>{l.loadedAt ? new Date(l.loadedAt).toLocaleString() : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Title order={3}>{t('dncLoadTitle')}</Title>
      <Text size="sm">{t('dncLoadHelp')}</Text>
      <Group grow align="flex-start">
        <TextInput
          label={t('dncListName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label={t('dncKind')}
          data={['internal', 'national']}
          value={kind}
          onChange={(v) => setKind(v === 'internal' ? 'internal' : 'national')}
          allowDeselect={false}
        />
        <Select
          label={t('dncRegion')}
          data={['US', 'UK']}
          value={region}
          onChange={(v) => setRegion(v === 'UK' ? 'UK' : 'US')}
          disabled={kind !== 'national'}
          allowDeselect={false}
        />
        <TextInput
          label={t('uploadCountry')}
          value={country}
          onChange={(e) => setCountry(e.currentTarget.value.toUpperCase())}
        />
      </Group>
      <Group align="flex-end">
        <FileInput
          label={t('uploadFile')}
          placeholder={t('uploadFilePlaceholder')}
          accept=".csv,.txt,text/csv,text/plain"
          value={file}
          onChange={setFile}
          style={{ flex: 1 }}
        />
        <Button onClick={load} disabled={!file || !name} loading={phase.kind === 'sending'}>
          {t('uploadSend')}
        </Button>
      </Group>
      {phase.kind === 'sending' ? (
        <Stack gap={4} data-testid="dnc-progress">
          <Progress
            aria-label={t('uploadProgress')}
            value={phase.total > 0 ? (100 * phase.sent) / phase.total : 0}
            size="lg"
          />
          <Text size="sm">{t('uploadBytes', { sent: phase.sent, total: phase.total })}</Text>
        </Stack>
      ) : null}
      {phase.kind === 'failed' ? (
        <Alert color="red" role="alert">
          {t('uploadFailed', { message: phase.message })}
        </Alert>
      ) : null}
      {phase.kind === 'done' ? (
        <Alert color="green" role="status">
          {/* Not the Alert's title: Mantine's green title is below AA contrast (axe-core). */}
          <Text size="sm" fw={700}>
            {t('dncLoaded', { name: phase.answer.name })}
          </Text>
          <Text size="sm">
            {t('dncLoadedCounts', {
              count: phase.answer.count,
              rejected: phase.answer.rowsRejected,
            })}
          </Text>
          {phase.answer.issues.map((issue) => (
            <Text key={issue.row} size="sm">
              {t('uploadRow')} {issue.row}: {issue.reason}
            </Text>
          ))}
        </Alert>
      ) : null}
    </Stack>
  )
}
