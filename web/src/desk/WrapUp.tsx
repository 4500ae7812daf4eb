// Wrap-up (R5.2, R5.4): the campaign's own outcome codes (from the interaction message), an
// optional callback in the customer's local time, and "add the customer to DNC". The forms check
// with the API's own schemas (src/domain); the server checks the code against the campaign's
// outcome group and the callback against the calling window anyway, and its refusal is shown.
import {
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { agentActionCodeSchema } from '../../../src/domain/agent-action-code.ts'
import { callbackRequestSchema } from '../../../src/domain/callback-request.ts'
import { client, type Interaction } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import type { Act } from './Desk.tsx'

export function WrapUp({
  interaction,
  act,
  busy,
}: {
  interaction: Interaction
  act: Act
  busy: boolean
}) {
  const { t } = useI18n()
  const [code, setCode] = useState<string | null>(null)
  const [withCallback, setWithCallback] = useState(false)
  const [localTime, setLocalTime] = useState('')
  const [forWhom, setForWhom] = useState<'agent' | 'campaign'>('agent')
  const outcomes = interaction.outcomes
  // The API's own schemas (src/domain): the form refuses what the server would.
  const codeCheck = agentActionCodeSchema.safeParse(code ?? '')
  const callbackCheck = callbackRequestSchema.safeParse({ localTime, for: forWhom })
  const final = outcomes.find((o) => o.code === code)?.final ?? false
  const timeValid = !withCallback || (callbackCheck.success && !final)
  const valid = codeCheck.success && timeValid
  return (
    <Paper withBorder p="md" role="region" aria-label={t('wrapUpTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (!valid || !code) return
          act('endWrapUp', {
            code,
            ...(withCallback ? { callback: { localTime, for: forWhom } } : {}),
          })
        }}
      >
        <Stack>
          <Title order={3} size="h5">
            {t('wrapUpTitle')}
          </Title>
          {outcomes.length > 0 ? (
            <Select
              label={t('outcome')}
              placeholder={t('chooseOutcome')}
              data={outcomes.map((o) => ({
                value: o.code,
                label: o.final
                  ? `${o.label} (${o.code})`
                  : `${o.label} (${o.code}) — ${t('outcomeNotFinal')}`,
              }))}
              value={code}
              onChange={setCode}
              required
            />
          ) : (
            // A Dialer-API campaign: its manager keeps the codes; the server takes any.
            <TextInput
              label={t('outcomeCode')}
              description={t('outcomeCodeHint')}
              value={code ?? ''}
              onChange={(event) => setCode(event.currentTarget.value)}
              required
              error={
                code !== null && !codeCheck.success ? codeCheck.error.issues[0]?.message : undefined
              }
            />
          )}
          <Checkbox
            label={t('callback')}
            checked={withCallback}
            onChange={(event) => setWithCallback(event.currentTarget.checked)}
            error={withCallback && final ? t('callbackNotWithFinal') : undefined}
          />
          {withCallback ? (
            <>
              <TextInput
                type="datetime-local"
                label={t('callbackTime')}
                value={localTime}
                onChange={(event) => setLocalTime(event.currentTarget.value)}
                required
                error={
                  localTime !== '' && !callbackCheck.success
                    ? callbackCheck.error.issues[0]?.message
                    : undefined
                }
              />
              <Radio.Group
                label={t('callbackFor')}
                value={forWhom}
                onChange={(value) => setForWhom(value as 'agent' | 'campaign')}
              >
                <Stack gap={4} mt={4}>
                  <Radio value="agent" label={t('callbackForAgent')} />
                  <Radio value="campaign" label={t('callbackForCampaign')} />
                </Stack>
              </Radio.Group>
            </>
          ) : null}
          <Group>
            <Button type="submit" disabled={!valid} loading={busy}>
              {t('finishWrapUp')}
            </Button>
          </Group>
        </Stack>
      </form>
      <DoNotCall interaction={interaction} />
    </Paper>
  )
}

/** R5.4: the customer asked not to be called again: their number goes on the campaign's list. */
function DoNotCall({ interaction }: { interaction: Interaction }) {
  const { t } = useI18n()
  const list = interaction.dncListName
  const add = useMutation({
    mutationFn: (listName: string) =>
      client.post(
        '/v1/dncList/{name}/phoneNumber',
        {
          phoneNumber: interaction.number,
          source: 'desktop',
          reason: `asked during call ${interaction.attemptId}`,
        },
        { path: { name: listName } },
      ),
  })
  return (
    <Stack gap={4} mt="md" aria-label={t('dncTitle')} role="group">
      <Group>
        <Button
          variant="outline"
          color="red"
          disabled={list === null || add.isSuccess}
          loading={add.isPending}
          onClick={() => list !== null && add.mutate(list)}
        >
          {t('dncAdd')}
        </Button>
        <Text size="sm">{interaction.number}</Text>
      </Group>
      {list === null ? (
        <Text size="sm" c="gray.8">
          {t('dncNoList')}
        </Text>
      ) : null}
      {add.isSuccess && list !== null ? (
        <Text size="sm" fw={600} role="status">
          {t('dncAdded', { number: interaction.number, list })}
        </Text>
      ) : null}
      {add.isError ? (
        <Text size="sm" c="red.9" role="alert">
          {add.error.message}
        </Text>
      ) : null}
    </Stack>
  )
}
