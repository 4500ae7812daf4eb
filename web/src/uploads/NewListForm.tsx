// A new contact list for a campaign (issue 13, R5.3): its name and column mapping — the phone
// number columns in dialling order, the customer id, time zone and customer-field columns, the
// country of national numbers. The API validates the mapping; its field errors show beside the
// fields (`mapping.numbers` beside the number columns).
import { Alert, Button, Fieldset, Group, TagsInput, TextInput } from '@mantine/core'
import { useState } from 'react'
import { ApiFailure, client, type ErrorDetail } from '../api.ts'
import { useI18n } from '../i18n.tsx'

type ContactListView = Awaited<ReturnType<typeof createList>>

const createList = (body: {
  campaignId: string
  name: string
  mapping: {
    numbers: string[]
    externalId?: string
    timeZone?: string
    defaultCountry?: string
    variables: Record<string, string>
    delimiter: string
  }
}) => client.post('/v1/contact-lists', body)

/** The errors at `path` or under it, joined for one field. */
const errorAt = (errors: readonly ErrorDetail[], path: string) => {
  const messages = errors
    .filter(
      (e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`),
    )
    .map((e) => e.message)
  return messages.length > 0 ? messages.join(' · ') : undefined
}

export function NewListForm(props: { campaignId: string; onCreated(list: ContactListView): void }) {
  const { campaignId, onCreated } = props
  const { t } = useI18n()
  const [name, setName] = useState(`${campaignId} contacts`)
  const [numbers, setNumbers] = useState<string[]>(['phone'])
  const [externalId, setExternalId] = useState('id')
  const [timeZone, setTimeZone] = useState('')
  const [country, setCountry] = useState('US')
  const [variables, setVariables] = useState<string[]>([])
  const [errors, setErrors] = useState<ErrorDetail[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const create = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const list = await createList({
        campaignId,
        name,
        mapping: {
          numbers,
          ...(externalId ? { externalId } : {}),
          ...(timeZone ? { timeZone } : {}),
          ...(country ? { defaultCountry: country } : {}),
          variables: Object.fromEntries(variables.map((v) => [v, v])),
          delimiter: ',',
        },
      })
      setErrors([])
      onCreated(list)
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setErrors(error.details)
      setMessage(error.message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Fieldset legend={t('uploadListNew')}>
      {message ? (
        <Alert color="red" role="status" mb="sm">
          {message}
        </Alert>
      ) : null}
      <TextInput
        label={t('uploadListName')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errorAt(errors, 'name')}
      />
      <TagsInput
        label={t('uploadNumbers')}
        value={numbers}
        onChange={setNumbers}
        error={errorAt(errors, 'mapping.numbers')}
      />
      <Group grow>
        <TextInput
          label={t('uploadExternalId')}
          value={externalId}
          onChange={(e) => setExternalId(e.currentTarget.value)}
          error={errorAt(errors, 'mapping.externalId')}
        />
        <TextInput
          label={t('uploadTimeZone')}
          value={timeZone}
          onChange={(e) => setTimeZone(e.currentTarget.value)}
          error={errorAt(errors, 'mapping.timeZone')}
        />
        <TextInput
          label={t('uploadCountry')}
          value={country}
          onChange={(e) => setCountry(e.currentTarget.value.toUpperCase())}
          error={errorAt(errors, 'mapping.defaultCountry')}
        />
      </Group>
      <TagsInput
        label={t('uploadVariables')}
        value={variables}
        onChange={setVariables}
        error={errorAt(errors, 'mapping.variables')}
      />
      <Button mt="md" onClick={create} loading={busy}>
        {t('uploadCreateList')}
      </Button>
    </Fieldset>
  )
}
