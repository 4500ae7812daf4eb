// The supervisor's live board (issue 12, R9.2): campaigns with their figures, charts and pacing
// explanation, and the agents with their time in state; live without reloading (live.ts). Actions
// go through the API as the signed-in supervisor: campaign start / pause / resume / stop (stop is
// confirmed), an agent set Idle with a reason or logged out (the API audits both).
import { Alert, Badge, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo, useRef, useState } from 'react'
import type { CampaignAction } from '../../../src/domain/campaign/campaign-status.ts'
import { client } from '../api.ts'
import { idleCodesOf } from '../aux-codes.ts'
import { useI18n } from '../i18n.tsx'
import { type AgentAction, AgentsTable, ClockOffset } from './AgentsTable.tsx'
import { CampaignCard } from './CampaignCard.tsx'
import { IdleDialog, StopDialog } from './dialogs.tsx'
import { useBoardLive } from './live.ts'
import type { BoardCampaign, PacingDecision, SeriesPoint } from './state.ts'
import { WhyPanel } from './WhyPanel.tsx'

type AgentStateBody = Parameters<typeof client.post<'/v1/agents/{id}/state'>>[1]

const NO_POINTS: SeriesPoint[] = []

function campaignById(campaigns: BoardCampaign[], id: string): BoardCampaign | null {
  return campaigns.find((campaign) => campaign.id === id) ?? null
}

function CampaignWithSeries(
  props: Omit<Parameters<typeof CampaignCard>[0], 'points'> & { livePoints: SeriesPoint[] },
) {
  const { livePoints, ...card } = props
  const series = useQuery({
    queryKey: ['series', card.campaign.id],
    queryFn: () => client.get('/v1/campaigns/{id}/series', { path: { id: card.campaign.id } }),
  })
  const points = useMemo(() => {
    const read = series.data?.points ?? NO_POINTS
    const lastMs = read.at(-1)?.atMs ?? Number.NEGATIVE_INFINITY
    const fresh = livePoints.filter((point) => point.atMs > lastMs)
    return fresh.length === 0 ? read : [...read, ...fresh]
  }, [series.data, livePoints])
  return <CampaignCard {...card} points={points} />
}

export function Board() {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const live = useBoardLive()
  const offset = useRef(0)
  const [why, setWhy] = useState<BoardCampaign | null>(null)
  const [stopping, setStopping] = useState<BoardCampaign | null>(null)
  const [idleFor, setIdleFor] = useState<AgentAction['agent'] | null>(null)
  const auxCodes = useQuery({
    queryKey: ['aux-codes'],
    queryFn: () => client.get('/v1/aux-codes', { query: { limit: 100 } }),
  })
  const campaignAction = useMutation({
    mutationFn: ({ id, action }: { id: string; action: CampaignAction }) =>
      client.post('/v1/campaigns/{id}/{action}', {}, { path: { id, action } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['board'] }),
  })
  const agentAction = useMutation({
    mutationFn: ({
      agentId,
      action,
      code,
    }: {
      agentId: string
      action: AgentStateBody['action']
      code?: string
    }) =>
      client.post(
        '/v1/agents/{id}/state',
        { action, ...(code ? { code } : {}) },
        { path: { id: agentId } },
      ),
  })
  const campaignsRef = useRef<BoardCampaign[]>([])
  const onCampaignAction = useCallback(
    (campaignId: string, action: CampaignAction) => {
      if (action === 'stop') setStopping(campaignById(campaignsRef.current, campaignId))
      else campaignAction.mutate({ id: campaignId, action })
    },
    [campaignAction.mutate],
  )
  const onWhy = useCallback(
    (campaignId: string) => setWhy(campaignById(campaignsRef.current, campaignId)),
    [],
  )
  const onAgentAction = useCallback(
    (action: AgentAction) => {
      if (action.kind === 'logout')
        agentAction.mutate({ agentId: action.agent.agentId, action: 'logout' })
      else setIdleFor(action.agent)
    },
    [agentAction.mutate],
  )
  const state = live.state
  const codeNames = useMemo(
    () => new Map((auxCodes.data?.items ?? []).map((item) => [item.id, item.name])),
    [auxCodes.data],
  )
  const campaignNames = useMemo(
    () => new Map((state?.campaigns ?? []).map((c) => [c.id, c.name])),
    [state?.campaigns],
  )
  const serving = useMemo(() => {
    const counts = new Map<string, number>()
    for (const agent of state?.agents ?? [])
      if (agent.campaignId) counts.set(agent.campaignId, (counts.get(agent.campaignId) ?? 0) + 1)
    return counts
  }, [state?.agents])

  if (!state)
    return live.error ? (
      <Alert color="red" title={t('boardLoadFailed')} role="alert">
        {live.error.message}
        <Button mt="sm" onClick={live.reload}>
          {t('retry')}
        </Button>
      </Alert>
    ) : (
      <Loader aria-label={t('loading')} />
    )
  offset.current = state.serverAtMs - state.localAtMs
  campaignsRef.current = state.campaigns
  const idleCodes = idleCodesOf(auxCodes.data)
  const failure = campaignAction.error ?? agentAction.error
  return (
    <ClockOffset.Provider value={offset}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={1} size="h2">
            {t('boardTitle')}
          </Title>
          <Badge color={live.connected ? 'green' : 'orange'} variant="dot" role="status">
            {live.connected ? t('boardLive') : t('boardReconnecting')}
          </Badge>
        </Group>
        {failure ? (
          <Alert
            color="red"
            title={t('actionFailed')}
            role="alert"
            withCloseButton
            closeButtonLabel={t('cancel')}
            onClose={() => {
              campaignAction.reset()
              agentAction.reset()
            }}
          >
            {failure.message}
          </Alert>
        ) : null}
        <section aria-labelledby="campaigns-title">
          <Title order={2} size="h4" id="campaigns-title" mb="xs">
            {t('campaignsTitle')}
          </Title>
          {state.campaigns.length === 0 ? (
            <Text>{t('boardEmptyCampaigns')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
              {state.campaigns.map((campaign) => (
                <CampaignWithSeries
                  key={campaign.id}
                  campaign={campaign}
                  agentsServing={serving.get(campaign.id) ?? 0}
                  livePoints={state.livePoints[campaign.id] ?? NO_POINTS}
                  latest={state.decisions[campaign.id]}
                  busy={campaignAction.isPending}
                  onAction={onCampaignAction}
                  onWhy={onWhy}
                />
              ))}
            </SimpleGrid>
          )}
        </section>
        <AgentsTable
          agents={state.agents}
          campaignNames={campaignNames}
          codeNames={codeNames}
          onAction={onAgentAction}
        />
      </Stack>
      {why ? (
        <WhyPanel
          campaign={why}
          latest={state.decisions[why.id] as PacingDecision | undefined}
          onClose={() => setWhy(null)}
        />
      ) : null}
      <StopDialog
        campaign={stopping}
        onCancel={() => setStopping(null)}
        onConfirm={(campaignId) => {
          campaignAction.mutate({ id: campaignId, action: 'stop' })
          setStopping(null)
        }}
      />
      <IdleDialog
        key={idleFor?.agentId ?? 'none'}
        agent={idleFor}
        idleCodes={idleCodes}
        onCancel={() => setIdleFor(null)}
        onConfirm={(agentId, code) => {
          agentAction.mutate({ agentId, action: 'idle', ...(code ? { code } : {}) })
          setIdleFor(null)
        }}
      />
    </ClockOffset.Provider>
  )
}
