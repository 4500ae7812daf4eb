// The desktop's panels: the reservation popover (R7.2, R7.4), a preview offer with its record
// and countdown (R1.1), the customer with the call guide (R7.3, R3.4, R5.6), and the call.
import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { type CustomerField, client, type Interaction, type Popover, type Preview } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import type { Act } from './Desk.tsx'
import { CallGuidePanel } from './guide.tsx'

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

/** R3.1: the campaign's name travels as the `campaignId` variable. */
const CAMPAIGN_FIELD = 'campaignId'

function Fields({ fields, caption }: { fields: CustomerField[]; caption: string }) {
  const { t } = useI18n()
  return (
    <Table withRowBorders={false} aria-label={caption}>
      <Table.Tbody>
        {fields.map((field) => (
          <Table.Tr key={field.name}>
            <Table.Th scope="row" w="40%">
              {field.name === CAMPAIGN_FIELD ? t('campaign') : field.label}
            </Table.Th>
            <Table.Td data-testid={`field-${field.name}`}>
              {field.masked ? (
                <span title={t('masked')}>
                  {field.value}{' '}
                  <Text span size="xs" c="gray.8">
                    ({t('masked')})
                  </Text>
                </span>
              ) : field.value === '' ? (
                t('empty')
              ) : (
                field.value
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

export function PopoverPanel({
  popover,
  connected,
  act,
}: {
  popover: Popover
  connected: boolean
  act: Act
}) {
  const { t } = useI18n()
  // The popover's `campaignId` variable carries the campaign's name (R7.2).
  const name = popover.fields.find((f) => f.name === 'campaignId')?.value || popover.campaignId
  const fields = popover.fields.filter((f) => f.name !== 'campaignId')
  return (
    <Paper withBorder p="md" role="region" aria-label={t('popoverTitle')}>
      <Title order={3} size="h5">
        {t('popoverTitle')}
      </Title>
      <Text>
        {t('campaign')}: <strong data-testid="popover-campaign">{name}</strong>
      </Text>
      {fields.length > 0 ? <Fields fields={fields} caption={t('popoverTitle')} /> : null}
      <Group mt="sm">
        {connected ? null : (
          <Button onClick={() => act('answerReservation')}>{t('answerReservation')}</Button>
        )}
        <Button variant="default" onClick={() => act('hangup')}>
          {t('leaveReservation')}
        </Button>
      </Group>
    </Paper>
  )
}

export function PreviewPanel({ preview, serverNowMs }: { preview: Preview; serverNowMs: number }) {
  const { t, zonedTime } = useI18n()
  const [error, setError] = useState<string | null>(null)
  // The countdown runs on the browser's clock from the time the offer had left when the desk was
  // read (the dialer's clock then: a reloaded desktop does not start it over).
  const [deadline] = useState(() => Date.now() + Math.max(0, preview.expiresAtMs - serverNowMs))
  const now = useNow()
  const remainingSec = Math.max(0, Math.ceil((deadline - now) / 1000))
  const queryClient = useQueryClient()
  const run = (action: 'accept' | 'skip' | 'remove') =>
    client
      .post(
        `/v1/dialer/campaign/{campaignId}/preview-task/{taskId}/${action}`,
        {},
        { path: { campaignId: preview.campaignId, taskId: preview.taskId } },
      )
      // The offer is gone once the server took the action: the desk shows what comes next.
      .then(() => queryClient.invalidateQueries({ queryKey: ['agent', preview.agentId] }))
      .catch((failure: Error) => setError(failure.message))
  const disabled = preview.actionsDisabled
  return (
    <Paper
      withBorder
      p="md"
      role="region"
      aria-label={t('previewTitle')}
      data-contact-id={preview.contactId}
    >
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('previewTitle')} — {preview.campaignName}
        </Title>
        <Badge data-testid="preview-countdown" color={remainingSec <= 10 ? 'red.9' : undefined}>
          {t(`previewAuto_${preview.autoAction}`, { s: remainingSec })}
        </Badge>
      </Group>
      <Text>
        {t('number')}: {preview.number}
      </Text>
      <Text>
        {t('customerLocalTime')}: {zonedTime(now, preview.timeZone)}
      </Text>
      <Fields
        fields={preview.record.filter((f) => f.name !== CAMPAIGN_FIELD)}
        caption={t('previewTitle')}
      />
      {error ? (
        <Text c="red" role="alert">
          {error}
        </Text>
      ) : null}
      <Group mt="sm">
        <Button onClick={() => run('accept')}>{t('accept')}</Button>
        <Button variant="default" disabled={disabled.includes('SKIP')} onClick={() => run('skip')}>
          {t('skip')}
        </Button>
        <Button
          variant="outline"
          color="red"
          disabled={disabled.includes('REMOVE')}
          onClick={() => run('remove')}
        >
          {t('remove')}
        </Button>
        {disabled.length > 0 ? (
          <Text size="sm" c="gray.8">
            {disabled.map((action) => t(action === 'SKIP' ? 'skip' : 'remove')).join(', ')}:{' '}
            {t('previewDisabled')}
          </Text>
        ) : null}
      </Group>
    </Paper>
  )
}

export function CustomerPanel({ interaction }: { interaction: Interaction }) {
  const { t, zonedTime } = useI18n()
  const now = useNow(30_000)
  const guide = interaction.callGuide
  return (
    <Group align="flex-start" grow>
      <Paper withBorder p="md" role="region" aria-label={t('customerTitle')}>
        <Title order={3} size="h5">
          {t('customerTitle')} — {interaction.campaignName}
        </Title>
        <Text>
          {t('customerLocalTime')}: {zonedTime(now, interaction.timeZone)}
        </Text>
        <Fields fields={interaction.panel} caption={t('customerTitle')} />
      </Paper>
      {guide ? <CallGuidePanel interaction={interaction} /> : null}
    </Group>
  )
}

/** The zip tone (Web Audio): two short beeps when a customer is bridged to the agent. */
function zipTone(): void {
  if (typeof AudioContext === 'undefined') return
  const audio = new AudioContext()
  for (const startSec of [0, 0.15]) {
    const oscillator = audio.createOscillator()
    const gain = audio.createGain()
    oscillator.frequency.value = 880
    gain.gain.value = 0.1
    oscillator.connect(gain).connect(audio.destination)
    oscillator.start(audio.currentTime + startSec)
    oscillator.stop(audio.currentTime + startSec + 0.08)
  }
  setTimeout(() => void audio.close(), 500)
}

export function CallPanel({
  kind,
  interaction,
  act,
}: {
  kind: string
  interaction: Interaction | null
  act: Act
}) {
  const { t } = useI18n()
  const now = useNow()
  const onCall = kind === 'Engaged'
  const [since, setSince] = useState<number | null>(null)
  useEffect(() => {
    setSince(onCall ? Date.now() : null)
    if (onCall) zipTone()
  }, [onCall])
  const seconds = since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000))
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`
  return (
    <Paper withBorder p="md" role="region" aria-label={t('callTitle')} mih={150}>
      <Title order={3} size="h5">
        {t('callTitle')}
      </Title>
      <Text>
        {t('party')}:{' '}
        <span data-testid="call-party">
          {onCall && interaction ? interaction.number : t('empty')}
        </span>
      </Text>
      <Text>
        {t('duration')}: <span aria-live="off">{onCall ? clock : t('empty')}</span>
      </Text>
      <Button mt="sm" color="red" disabled={!onCall} onClick={() => act('hangup')}>
        {t('hangUp')}
      </Button>
    </Paper>
  )
}
