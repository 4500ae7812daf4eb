// The contact upload (issue 13, R5.3, R5.4): choose or create a contact list of the campaign, pick
// a CSV file, send it with a progress bar of the bytes sent (XMLHttpRequest's upload progress),
// then the rows the server read and imported (its answer's summary), and the per-row issue report.
// Rendered by the campaign wizard, the admin's contact-list page and (after merge) the
// campaign-manager portal: keep the props.
import {
  Alert,
  Button,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiFailure, client } from '../api.ts'
import type { paths } from '../api-schema.d.ts'
import { useI18n } from '../i18n.tsx'
import { ImportReport } from './ImportReport.tsx'
import { NewListForm } from './NewListForm.tsx'
import { sendFile } from './send-file.ts'

type UploadAnswer =
  paths['/v1/contact-lists/{id}/file']['put']['responses'][200]['content']['application/json']

/** The campaign's lists offered (the API's largest page). */
const LISTS_SHOWN_MAX = 200
/** A list takes a file while it waits for one, or again after a failed import. */
const TAKES_FILE = new Set(['awaiting-upload', 'failed'])

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending'; sent: number; total: number }
  | { kind: 'importing'; total: number }
  | { kind: 'done'; answer: UploadAnswer }
  | { kind: 'failed'; message: string; details: { path: string; message: string }[] }

export function ContactUpload(props: { campaignId: string; onDone?: () => void }) {
  const { campaignId, onDone } = props
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [listId, setListId] = useState<string | null>(null)
  const [file, setFile] = useState<File | null>(null)
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const lists = useQuery({
    queryKey: ['contact-lists', campaignId],
    queryFn: () =>
      client.get('/v1/contact-lists', { query: { campaignId, limit: LISTS_SHOWN_MAX, offset: 0 } }),
  })
  const list = lists.data?.items.find((l) => l.id === listId) ?? null

  const upload = async () => {
    if (!file || !listId) return
    setPhase({ kind: 'sending', sent: 0, total: file.size })
    try {
      const answer = await sendFile<UploadAnswer>(
        'PUT',
        `/v1/contact-lists/${encodeURIComponent(listId)}/file`,
        file,
        'text/csv',
        (sent, total) =>
          setPhase(sent >= total ? { kind: 'importing', total } : { kind: 'sending', sent, total }),
      )
      setPhase({ kind: 'done', answer })
      await queryClient.invalidateQueries({ queryKey: ['contact-lists'] })
      onDone?.()
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setPhase({ kind: 'failed', message: error.message, details: error.details })
      await queryClient.invalidateQueries({ queryKey: ['contact-lists'] })
    }
  }

  const busy = phase.kind === 'sending' || phase.kind === 'importing'
  const shownTotal = phase.kind === 'sending' || phase.kind === 'importing' ? phase.total : 0
  const sent = phase.kind === 'sending' ? phase.sent : shownTotal
  return (
    <Stack gap="sm">
      <Title order={3}>{t('uploadTitle')}</Title>
      <Select
        label={t('uploadList')}
        data={(lists.data?.items ?? []).map((l) => ({
          value: l.id,
          label: `${l.name} (${l.status})`,
        }))}
        value={listId}
        onChange={(id) => {
          setListId(id)
          setPhase({ kind: 'idle' })
        }}
        clearable
        disabled={busy}
      />
      {listId === null ? (
        <NewListForm
          campaignId={campaignId}
          onCreated={async (created) => {
            await queryClient.invalidateQueries({ queryKey: ['contact-lists'] })
            setListId(created.id)
          }}
        />
      ) : null}
      {list && TAKES_FILE.has(list.status) && phase.kind !== 'done' ? (
        <Group align="flex-end">
          <FileInput
            label={t('uploadFile')}
            placeholder={t('uploadFilePlaceholder')}
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            disabled={busy}
            style={{ flex: 1 }}
          />
          <Button onClick={upload} disabled={!file} loading={busy}>
            {t('uploadSend')}
          </Button>
        </Group>
      ) : null}
      {busy ? (
        <Stack gap={4} data-testid="upload-progress">
          <Progress
            aria-label={t('uploadProgress')}
            value={shownTotal > 0 ? (100 * sent) / shownTotal : 0}
            striped={phase.kind === 'importing'}
            animated={phase.kind === 'importing'}
            size="lg"
          />
          <Text size="sm">{t('uploadBytes', { sent, total: shownTotal })}</Text>
          {phase.kind === 'importing' ? <Text size="sm">{t('uploadImporting')}</Text> : null}
        </Stack>
      ) : null}
      {phase.kind === 'failed' ? (
        <Alert color="red" role="alert" title={t('uploadFailed', { message: phase.message })}>
          {phase.details.slice(0, 10).map((d) => (
            <Text key={`${d.path}:${d.message}`} size="sm">
              <strong>{d.path}</strong> {d.message}
            </Text>
          ))}
        </Alert>
      ) : null}
      {phase.kind === 'done' ? (
        <Stack gap={4} data-testid="upload-progress">
          <Progress aria-label={t('uploadProgress')} value={100} size="lg" />
          <Text size="sm">
            {t('uploadBytes', { sent: file?.size ?? 0, total: file?.size ?? 0 })} ·{' '}
            {t('uploadRows', { rows: phase.answer.counts.rowsRead ?? 0 })}
          </Text>
        </Stack>
      ) : null}
      {list && !TAKES_FILE.has(list.status) && !busy ? (
        <>
          <Text size="sm">
            {t('uploadStatus')}: {list.status}
          </Text>
          <ImportReport
            key={list.id}
            listId={list.id}
            counts={phase.kind === 'done' ? phase.answer.counts : list.counts}
          />
        </>
      ) : null}
    </Stack>
  )
}
