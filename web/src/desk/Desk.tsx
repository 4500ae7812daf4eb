// The agent desktop (issue 12; R1.1, R7): state control, then what the agent's state and
// `GET /v1/agents/{id}/desk` show — the reservation popover, preview offers, the customer with the
// call guide, the call, wrap-up. Every change arrives over the live feed (live.ts).
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { agentActionCodeSchema } from '../../../src/domain/agent-action-code.ts'
import { client, type Principal } from '../api.ts'
import { idleCodesOf } from '../aux-codes.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'
import { useLiveDesk } from './live.ts'
import { CallPanel, CustomerPanel, PopoverPanel, PreviewPanel } from './panels.tsx'
import { WrapUp } from './WrapUp.tsx'

type AgentAction = Parameters<typeof client.post<'/v1/agents/{id}/state'>>[1]['action']
/** What the waiting note says in each state without a customer. */
const WAITING_TEXT: Partial<Record<string, MessageKey>> = {
  Idle: 'idleText',
  Available: 'availableText',
  Reserved: 'reservedText',
}

export type Act = (action: AgentAction, extra?: Record<string, unknown>) => void

export function Desk({ user }: { user: Principal }) {
  const { t } = useI18n()
  if (!user.agentId)
    return (
      <Alert color="gray" title={t('noAgentTitle')}>
        {t('noAgentText')}
      </Alert>
    )
  return <AgentDesk agentId={user.agentId} />
}

function AgentDesk({ agentId }: { agentId: string }) {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const live = useLiveDesk(agentId)
  const path = { id: agentId }
  const state = useQuery({
    queryKey: ['agent', agentId, 'state'],
    queryFn: () => client.get('/v1/agents/{id}/state', { path }),
  })
  const desk = useQuery({
    queryKey: ['agent', agentId, 'desk'],
    queryFn: () => client.get('/v1/agents/{id}/desk', { path }),
  })
  const auxCodes = useQuery({
    queryKey: ['aux-codes'],
    queryFn: () => client.get('/v1/aux-codes', { query: { limit: 100 } }),
  })
  const [idleCode, setIdleCode] = useState<string | null>(null)
  const action = useMutation({
    mutationFn: (input: { action: AgentAction; extra?: Record<string, unknown> }) =>
      client.post('/v1/agents/{id}/state', { action: input.action, ...input.extra }, { path }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['agent', agentId] }),
  })
  const act: Act = (name, extra) =>
    action.mutate(extra ? { action: name, extra } : { action: name })
  if (state.isPending || desk.isPending) return <Loader aria-label={t('loading')} />
  if (state.isError || desk.isError)
    return (
      <Alert color="red" title={t('errorTitle')} role="alert">
        {(state.error ?? desk.error)?.message}
      </Alert>
    )
  const kind = state.data.state
  const idleCodes = idleCodesOf(auxCodes.data)
  const chosenIdle = idleCode ?? idleCodes[0]?.id ?? null
  // The API's own schema (src/domain): the form refuses what the server would, beside the field.
  const idleCheck = agentActionCodeSchema.safeParse(chosenIdle ?? '')
  const idleError =
    kind !== 'LoggedOut' && auxCodes.isSuccess && !idleCheck.success
      ? idleCheck.error.issues[0]?.message
      : undefined
  const view = desk.data
  return (
    <Stack maw={1240}>
      <Paper withBorder p="sm">
        {/* Two rows in every language and state: a longer state name never wraps the controls
            onto a new line under a call that is arriving (no layout shift). */}
        <Stack gap="xs">
          <Group>
            <Title order={2} size="h4">
              {t('deskTitle')}
            </Title>
            <Text>
              {t('stateLabel')}:{' '}
              {/* A fixed width: the badges beside it do not move as the state changes. */}
              <Badge data-testid="agent-state" size="lg" miw={128}>
                {t(`state_${kind}` as MessageKey)}
                {kind === 'Idle' && typeof state.data.detail.code === 'string'
                  ? ` (${idleCodes.find((c) => c.id === state.data.detail.code)?.name ?? state.data.detail.code})`
                  : ''}
              </Badge>
            </Text>
            <Badge color={live ? 'green' : 'gray'} variant="dot">
              {live ? t('liveConnected') : t('liveDisconnected')}
            </Badge>
          </Group>
          <Group>
            {kind === 'LoggedOut' ? (
              <Button onClick={() => act('login', chosenIdle ? { code: chosenIdle } : undefined)}>
                {t('logIn')}
              </Button>
            ) : (
              <>
                <Button color="teal" disabled={kind !== 'Idle'} onClick={() => act('available')}>
                  {t('goAvailable')}
                </Button>
                <Select
                  aria-label={t('idleCode')}
                  placeholder={t('idleCode')}
                  w={160}
                  data={idleCodes.map((c) => ({ value: c.id, label: c.name }))}
                  value={chosenIdle}
                  onChange={setIdleCode}
                  allowDeselect={false}
                  error={idleError}
                />
                <Button
                  variant="default"
                  // A campaign call's wrap-up ends with an outcome code (R5.2): the server refuses Idle.
                  disabled={
                    !idleCheck.success ||
                    kind === 'Engaged' ||
                    (kind === 'WrapUp' && !!view?.interaction)
                  }
                  onClick={() => act('idle', { code: chosenIdle })}
                >
                  {t('goIdle')}
                </Button>
                <Button
                  variant="default"
                  disabled={kind !== 'Available' && kind !== 'Idle'}
                  onClick={() => act('requestCampaignContact')}
                >
                  {t('campaignContact')}
                </Button>
                <Button
                  variant="outline"
                  color="red"
                  disabled={kind !== 'Idle' && kind !== 'Available'}
                  onClick={() => act('logout')}
                >
                  {t('logOut')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
        {action.isError ? (
          <Alert
            mt="sm"
            color="red"
            title={t('errorTitle')}
            role="alert"
            withCloseButton
            onClose={() => action.reset()}
          >
            {action.error.message}
          </Alert>
        ) : null}
      </Paper>
      {/* Fixed slots, so nothing moves as a call arrives (no layout shift): on the left exactly
          one of the preview offers, the customer or the waiting note; on the right the call, then
          the reservation popover or the wrap-up (never both). */}
      <Grid>
        <Grid.Col span={8}>
          <Stack>
            {view.interaction ? (
              <CustomerPanel interaction={view.interaction} />
            ) : view.previews.length > 0 ? (
              view.previews.map((preview) => (
                <PreviewPanel key={preview.taskId} preview={preview} serverNowMs={view.nowMs} />
              ))
            ) : (
              <Paper withBorder p="lg">
                <Title order={3} size="h5">
                  {t('waitingTitle')}
                </Title>
                <Text c="gray.8">{t(WAITING_TEXT[kind] ?? 'waitingText')}</Text>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={4}>
          <Stack>
            <CallPanel kind={kind} interaction={view.interaction} act={act} />
            {view.popover && kind === 'Reserved' ? (
              <PopoverPanel
                popover={view.popover}
                connected={state.data.detail.connected === true}
                act={act}
              />
            ) : null}
            {kind === 'WrapUp' && view.interaction ? (
              <WrapUp
                key={view.interaction.attemptId}
                interaction={view.interaction}
                act={act}
                busy={action.isPending}
              />
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}
