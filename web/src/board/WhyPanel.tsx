// "Why N lines now" (issue 12): the campaign's newest pooled pacing decision — the number chosen,
// the reason and every input it saw — then the recent decisions (GET
// /v1/campaigns/{id}/pacing-decisions), read again whenever the live feed brings a new one.
import { Alert, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { client } from '../api.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'
import type { PacingDecision, PacingInputs } from './state.ts'

const INPUT_KEYS: (keyof PacingInputs)[] = [
  'readyServers',
  'busyServers',
  'linesInFlight',
  'liveWaiting',
  'liveProbability',
  'dialToLiveSec',
  'talkSec',
  'wrapSec',
  'liveSamples',
  'windowAbandonPct',
  'abandonCapPct',
  'abandonTargetPct',
  'capGuardActive',
  'policyTarget',
]
/** Recent decisions listed under the newest one. */
const RECENT_SHOWN = 15

function shown(value: number | boolean | string, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2)
  return value
}

interface WhyProps {
  campaign: { id: string; name: string }
  /** The newest decision the live feed brought (its time refreshes the list). */
  latest: PacingDecision | undefined
  onClose(): void
}

export function WhyPanel({ campaign, latest, onClose }: WhyProps) {
  const { t, time } = useI18n()
  const decisions = useQuery({
    queryKey: ['pacing-decisions', campaign.id],
    queryFn: () => client.get('/v1/campaigns/{id}/pacing-decisions', { path: { id: campaign.id } }),
  })
  const { refetch } = decisions
  const latestAtMs = latest?.atMs
  useEffect(() => {
    if (latestAtMs !== undefined) void refetch()
  }, [latestAtMs, refetch])
  const list = decisions.data?.decisions ?? []
  const newest = list[0]
  return (
    <Modal opened onClose={onClose} size="xl" title={t('whyTitle', { name: campaign.name })}>
      {decisions.isPending ? (
        <Loader aria-label={t('loading')} />
      ) : decisions.isError ? (
        <Alert color="red" title={t('errorTitle')} role="alert">
          {decisions.error.message}
        </Alert>
      ) : !newest ? (
        <Text>{t('whyEmpty')}</Text>
      ) : (
        <Stack gap="sm">
          <Title order={3} size="h5" data-testid="why-chosen">
            {t('whyChosen', { target: newest.target, policy: newest.inputs.policy })}
          </Title>
          <Text>
            {t('whyReason')}: {newest.reason}
          </Text>
          <Table withTableBorder verticalSpacing={2} aria-label={t('whyInputs')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('whyInputs')}</Table.Th>
                <Table.Th>{time(newest.atMs)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {INPUT_KEYS.map((key) => (
                <Table.Tr key={key}>
                  <Table.Td>{t(`in_${key}` as MessageKey)}</Table.Td>
                  <Table.Td data-testid={`input-${key}`}>
                    {shown(newest.inputs[key], t('yes'), t('no'))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table verticalSpacing={2} striped aria-label={t('whyRecent')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('whyAt')}</Table.Th>
                <Table.Th>{t('whyTarget')}</Table.Th>
                <Table.Th>{t('whyInFlight')}</Table.Th>
                <Table.Th>{t('whyReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.slice(0, RECENT_SHOWN).map((decision, i) => (
                <Table.Tr key={`${decision.atMs}-${i}`}>
                  <Table.Td>{time(decision.atMs)}</Table.Td>
                  <Table.Td>{decision.target}</Table.Td>
                  <Table.Td>{decision.inFlight}</Table.Td>
                  <Table.Td>{decision.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Modal>
  )
}
