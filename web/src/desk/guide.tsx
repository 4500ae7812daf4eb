// The call guide beside the customer (R5.6): its values, and the questions the agent answers,
// validated in the browser with the API's own rule (validateAnswers of src/domain) and saved
// with the attempt (`PUT /v1/attempts/{id}/answers`).
import {
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import {
  type Answers,
  callGuideSchema,
  validateAnswers,
} from '../../../src/domain/campaign/call-guide.ts'
import { client, type GuideItem, type Interaction } from '../api.ts'
import { useI18n } from '../i18n.tsx'

type Question = Extract<GuideItem, { kind: 'QUESTION' }>

function QuestionInput({
  question,
  value,
  error,
  onChange,
}: {
  question: Question
  value: string | number | boolean | undefined
  error: string | undefined
  onChange: (value: string | number | boolean | undefined) => void
}) {
  const { t } = useI18n()
  const common = { label: question.label, required: question.required, error }
  switch (question.answerType) {
    case 'BOOLEAN':
      return (
        <Radio.Group
          {...common}
          value={value === undefined ? null : String(value)}
          onChange={(next) => onChange(next === 'true')}
        >
          <Group mt={4}>
            <Radio value="true" label={t('yes')} />
            <Radio value="false" label={t('no')} />
          </Group>
        </Radio.Group>
      )
    case 'CHOICE':
      return (
        <Select
          {...common}
          data={question.choices ?? []}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
        />
      )
    case 'NUMBER':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      )
    default:
      return (
        <TextInput
          {...common}
          type={question.answerType === 'DATE' ? 'date' : 'text'}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value || undefined)}
        />
      )
  }
}

export function CallGuidePanel({ interaction }: { interaction: Interaction }) {
  const { t } = useI18n()
  const guide = interaction.callGuide!
  const form = useQuery({
    queryKey: ['call-guide', guide.formId],
    queryFn: async () =>
      callGuideSchema.parse(
        (await client.get('/v1/call-guides/{id}', { path: { id: guide.formId } })).body,
      ),
  })
  const [answers, setAnswers] = useState<Answers>({})
  const [issues, setIssues] = useState<Record<string, string>>({})
  const save = useMutation({
    mutationFn: () =>
      client.put('/v1/attempts/{id}/answers', { answers }, { path: { id: interaction.attemptId } }),
  })
  const submit = () => {
    if (!form.data) return
    const found = validateAnswers(form.data, answers)
    setIssues(Object.fromEntries(found.map((i) => [i.path.replace(/^answers\./, ''), i.message])))
    if (found.length === 0) save.mutate()
  }
  return (
    <Paper withBorder p="md" role="region" aria-label={t('guideTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('guideTitle')}: {guide.name}
          </Title>
          {guide.items.map((item) =>
            item.kind === 'QUESTION' ? (
              <QuestionInput
                key={item.id}
                question={item}
                value={answers[item.id]}
                error={issues[item.id]}
                onChange={(value) => {
                  save.reset()
                  setAnswers((current) => {
                    const { [item.id]: _old, ...rest } = current
                    return value === undefined ? rest : { ...rest, [item.id]: value }
                  })
                }}
              />
            ) : (
              <Text key={item.id}>
                <strong>{item.label}</strong>: {item.value ?? t('empty')}
              </Text>
            ),
          )}
          {save.isError || form.isError ? (
            <Text c="red.9" role="alert">
              {(save.error ?? form.error)?.message}
            </Text>
          ) : null}
          {save.isSuccess ? (
            <Text c="teal.9" role="status">
              {t('answersSaved')}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" variant="light" loading={save.isPending} disabled={!form.data}>
              {t('saveAnswers')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
