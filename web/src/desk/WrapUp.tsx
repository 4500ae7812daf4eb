// Wrap-up (R5.2): the outcome code and an optional callback in the customer's local time; the
// server checks the code against the campaign's outcome group and the callback against the
// calling window, and its refusal is shown.
import {
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { callbackRequestSchema } from '../../../src/domain/callback-request.ts'
import { api, type ConfigList, type OutcomeGroup } from '../api.ts'
import { useI18n } from '../i18n.tsx'
import type { Act } from './Desk.tsx'

export function WrapUp({ act, busy }: { act: Act; busy: boolean }) {
  const { t } = useI18n()
  const groups = useQuery({
    queryKey: ['outcome-groups'],
    queryFn: () => api.get<ConfigList<OutcomeGroup>>('/v1/outcome-groups?limit=100'),
  })
  const [code, setCode] = useState<string | null>(null)
  const [withCallback, setWithCallback] = useState(false)
  const [localTime, setLocalTime] = useState('')
  const [forWhom, setForWhom] = useState<'agent' | 'campaign'>('agent')
  const items = groups.data?.items ?? []
  const data = items.map((group) => ({
    group: group.name,
    items: group.body.outcomes.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` })),
  }))
  // The API's own schema (src/domain): the form refuses what the server would.
  const callbackCheck = callbackRequestSchema.safeParse({ localTime, for: forWhom })
  const timeValid = !withCallback || callbackCheck.success
  return (
    <Paper withBorder p="md" role="region" aria-label={t('wrapUpTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (!code || !timeValid) return
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
          <Select
            label={t('outcome')}
            placeholder={t('chooseOutcome')}
            data={data}
            value={code}
            onChange={setCode}
            required
            error={groups.isError ? groups.error.message : undefined}
          />
          <Checkbox
            label={t('callback')}
            checked={withCallback}
            onChange={(event) => setWithCallback(event.currentTarget.checked)}
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
            <Button type="submit" disabled={!code || !timeValid} loading={busy}>
              {t('finishWrapUp')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
