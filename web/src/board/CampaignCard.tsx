// One campaign on the board (issue 12, R9.2): status, lines in flight, lines per agent, connects,
// the abandon rate in the regulatory window and over the run against the cap, the chart over the
// day, "why N lines now", and start / pause / resume / stop (stop asks first: it is final).
import {
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { memo } from 'react'
import {
  CAMPAIGN_ACTIONS,
  type CampaignAction,
  type CampaignStatus,
  campaignTransition,
} from '../../../src/domain/campaign/campaign-status.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'
import { CampaignChart } from './Chart.tsx'
import type { BoardCampaign, PacingDecision, SeriesPoint } from './state.ts'

const STATUS_COLORS: Record<string, string> = {
  running: 'green',
  paused: 'yellow',
  draft: 'gray',
  stopped: 'red',
  completed: 'blue',
}

function legal(status: string, action: CampaignAction): boolean {
  return campaignTransition(status as CampaignStatus, action).kind === 'ok'
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Text size="xs">{label}</Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </div>
  )
}

function AbandonBar({
  label,
  ratePct,
  capPct,
}: {
  label: string
  ratePct: number
  capPct: number | null
}) {
  const { t } = useI18n()
  const share = capPct ? Math.min(100, (100 * ratePct) / capPct) : 0
  const text =
    capPct === null
      ? t('abandonNoCap', { rate: ratePct.toFixed(2) })
      : t('abandonVsCap', { rate: ratePct.toFixed(2), cap: capPct })
  return (
    <div>
      <Text size="xs">{label}</Text>
      <Text size="sm" fw={700}>
        {text}
      </Text>
      <Progress
        value={share}
        color={share >= 100 ? 'red' : share >= 66 ? 'orange' : 'teal'}
        aria-label={`${label}: ${text}`}
      />
    </div>
  )
}

interface CardProps {
  campaign: BoardCampaign
  /** Agents serving the campaign now (reserved, on its call, in its wrap-up). */
  agentsServing: number
  points: SeriesPoint[]
  latest: PacingDecision | undefined
  busy: boolean
  onAction(campaignId: string, action: CampaignAction): void
  onWhy(campaignId: string): void
}

export const CampaignCard = memo(function CampaignCard(props: CardProps) {
  const { campaign, agentsServing, points, latest, busy, onAction, onWhy } = props
  const { t } = useI18n()
  const linesPerAgent = agentsServing === 0 ? 0 : campaign.linesInFlight / agentsServing
  const target = latest?.target ?? campaign.linesInFlight
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`campaign-${campaign.id}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" id={`campaign-${campaign.id}`}>
            {campaign.name}
          </Title>
          <Group gap="xs">
            {campaign.status === 'running' && campaign.outsideHours ? (
              <Badge color="gray" variant="light" data-testid="campaign-outside-hours">
                {t('outsideHours')}
              </Badge>
            ) : null}
            <Badge
              color={STATUS_COLORS[campaign.status] ?? 'gray'}
              variant="dot"
              data-testid="campaign-status"
            >
              {t(`status_${campaign.status}` as MessageKey)}
            </Badge>
          </Group>
        </Group>
        <SimpleGrid cols={6} spacing="xs">
          <Figure
            label={t('linesInFlight')}
            value={String(campaign.linesInFlight)}
            testId="lines"
          />
          <Figure label={t('readyAgents')} value={String(campaign.readyAgents)} testId="ready" />
          <Figure label={t('linesPerAgent')} value={linesPerAgent.toFixed(1)} testId="per-agent" />
          <Figure
            label={t('connects')}
            value={String(campaign.outcomes.LIVE_VOICE ?? 0)}
            testId="connects"
          />
          <Figure
            label={t('dialsPerMinute')}
            value={String(campaign.dialsPerMinute)}
            testId="dpm"
          />
          <Figure
            label={t('pendingContacts')}
            value={String(campaign.pendingContacts)}
            testId="pending"
          />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <AbandonBar
            label={t('abandonWindow')}
            ratePct={campaign.abandonRateWindowPct}
            capPct={campaign.abandonCapPct}
          />
          <AbandonBar
            label={t('abandonRun')}
            ratePct={campaign.abandonRateRunPct}
            capPct={campaign.abandonCapPct}
          />
        </SimpleGrid>
        <CampaignChart name={campaign.name} points={points} capPct={campaign.abandonCapPct} />
        <Controls
          id={campaign.id}
          status={campaign.status}
          target={target}
          busy={busy}
          onAction={onAction}
          onWhy={onWhy}
        />
      </Stack>
    </Paper>
  )
})

interface ControlsProps {
  id: string
  status: string
  target: number
  busy: boolean
  onAction(campaignId: string, action: CampaignAction): void
  onWhy(campaignId: string): void
}

/** The campaign's buttons: rendered again only when its status, the number or `busy` changes. */
const Controls = memo(function Controls({
  id,
  status,
  target,
  busy,
  onAction,
  onWhy,
}: ControlsProps) {
  const { t } = useI18n()
  return (
    <Group gap="xs">
      {CAMPAIGN_ACTIONS.map((action) => (
        <Button
          key={action}
          size="xs"
          variant={action === 'stop' ? 'outline' : 'light'}
          color={action === 'stop' ? 'red' : undefined}
          disabled={busy || !legal(status, action)}
          onClick={() => onAction(id, action)}
        >
          {t(action)}
        </Button>
      ))}
      <Button size="xs" variant="default" ml="auto" onClick={() => onWhy(id)}>
        {t(target === 1 ? 'whyButtonOne' : 'whyButton', { n: target })}
      </Button>
    </Group>
  )
})
