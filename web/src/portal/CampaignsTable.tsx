// The portal's campaigns table (R5.7): each campaign with its group, the group's pacing mode and
// its live status, and a row menu that starts, pauses, resumes or stops it through the campaign
// control API (stop asks first: a stopped campaign is final). The menu offers only the moves the
// campaign status machine allows from the row's status.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  CAMPAIGN_ACTIONS,
  type CampaignAction,
  type CampaignStatus,
  campaignTransition,
} from '../../../src/domain/campaign/campaign-status.ts'
import { ApiFailure, type ConfigObject, client } from '../api.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'
import { groupIdOf, usePortalTree } from './tree-data.ts'

const ACTION_LABELS: Record<CampaignAction, MessageKey> = {
  start: 'portalStart',
  pause: 'portalPause',
  resume: 'portalResume',
  stop: 'portalStop',
}

const STATUS_COLORS: Record<string, string> = {
  running: 'green',
  paused: 'yellow',
  stopped: 'gray',
  completed: 'gray',
  draft: 'blue',
}

const statusKey = (id: string) => ['portal-campaign-status', id]

function CampaignRow(props: {
  campaign: ConfigObject
  mode: string
  go(path: string): void
  onError(message: string): void
}) {
  const { t } = useI18n()
  const { campaign, mode, go, onError } = props
  const queryClient = useQueryClient()
  const [confirmStop, setConfirmStop] = useState(false)
  const live = useQuery({
    queryKey: statusKey(campaign.id),
    queryFn: () => client.get('/v1/campaigns/{id}/live', { path: { id: campaign.id } }),
    refetchInterval: 5_000,
    retry: false,
  })
  const status = (live.data?.status ?? null) as CampaignStatus | null
  const act = useMutation({
    mutationFn: (action: CampaignAction) =>
      client.post('/v1/campaigns/{id}/{action}', {}, { path: { id: campaign.id, action } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: statusKey(campaign.id) })
    },
    onError: (error) => onError(error instanceof ApiFailure ? error.message : String(error)),
  })
  const allowed = (action: CampaignAction) =>
    status !== null && campaignTransition(status, action).kind === 'ok'
  const href = `/portal/campaigns/${encodeURIComponent(campaign.id)}`
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor
          size="sm"
          href={href}
          onClick={(e) => {
            e.preventDefault()
            go(href)
          }}
        >
          {campaign.id}
        </Anchor>
      </Table.Td>
      <Table.Td>{campaign.name}</Table.Td>
      <Table.Td>{groupIdOf(campaign)}</Table.Td>
      <Table.Td>{mode}</Table.Td>
      <Table.Td data-testid={`status-${campaign.id}`}>
        {status ? (
          // Black text: Mantine's light badge text is below AA contrast for green and yellow.
          <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" c="black">
            {t('portalStatus', { status })}
          </Badge>
        ) : (
          <Text size="sm">{live.isError ? t('portalStatusUnknown') : '…'}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="dark"
              aria-label={t('portalRowMenu', { id: campaign.id })}
              loading={act.isPending}
            >
              ⋮
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {CAMPAIGN_ACTIONS.map((action) => (
              <Menu.Item
                key={action}
                disabled={!allowed(action)}
                color={action === 'stop' ? 'red' : undefined}
                onClick={() => (action === 'stop' ? setConfirmStop(true) : act.mutate(action))}
              >
                {t(ACTION_LABELS[action])}
              </Menu.Item>
            ))}
            <Menu.Divider />
            <Menu.Item onClick={() => go(`${href}/reports`)}>{t('portalTabReports')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Modal
          opened={confirmStop}
          onClose={() => setConfirmStop(false)}
          title={t('portalStopTitle', { id: campaign.id })}
        >
          <Stack>
            <Text>{t('portalStopText')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmStop(false)}>
                {t('cancel')}
              </Button>
              <Button
                color="red"
                onClick={() => {
                  setConfirmStop(false)
                  act.mutate('stop')
                }}
              >
                {t('portalStop')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      </Table.Td>
    </Table.Tr>
  )
}

export function CampaignsTable(props: { readOnly: boolean; go(path: string): void }) {
  const { t } = useI18n()
  const { readOnly, go } = props
  const tree = usePortalTree()
  const [error, setError] = useState<string | null>(null)
  const modeOf = (groupId: string) =>
    String(
      (tree.data?.groups.find((g) => g.id === groupId)?.body as { pacing?: { mode?: string } })
        ?.pacing?.mode ?? '',
    )
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('portalCampaigns')}</Title>
        {readOnly ? null : (
          <Button onClick={() => go('/portal/campaigns/new')}>{t('portalNewCampaign')}</Button>
        )}
      </Group>
      {error ? (
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      ) : null}
      {tree.isError ? <Alert color="red">{tree.error.message}</Alert> : null}
      <Table striped aria-label={t('portalCampaigns')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('colId')}</Table.Th>
            <Table.Th>{t('colName')}</Table.Th>
            <Table.Th>{t('portalColGroup')}</Table.Th>
            <Table.Th>{t('portalColMode')}</Table.Th>
            <Table.Th>{t('portalColStatus')}</Table.Th>
            <Table.Th>{t('portalColActions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tree.data?.campaigns ?? []).map((campaign) => (
            <CampaignRow
              key={campaign.id}
              campaign={campaign}
              mode={modeOf(groupIdOf(campaign))}
              go={go}
              onError={setError}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
