// Users and roles (issue 13, R4.2): the tenant's users, paged; create one with a role and, for an
// agent, the agent they are; enable or disable; reset a password (the user's sessions end). The
// API's field errors show beside the fields. Users are disabled, not deleted (the API has no
// delete: the audit log names them).
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiFailure, client, type ErrorDetail, type UserView } from '../api.ts'
import { type MessageKey, useI18n } from '../i18n.tsx'
import { Pager } from './Pager.tsx'
import { errorsUnder } from './schema-fields.ts'

const ROLES = ['admin', 'supervisor', 'agent'] as const
type Role = (typeof ROLES)[number]
const PAGE_SIZE = 20

const errorAt = (errors: ErrorDetail[], path: string) => {
  const messages = errorsUnder(errors, path)
  return messages.length > 0 ? messages.join(' · ') : undefined
}

function CreateUser(props: { onCreated(username: string): void }) {
  const { t } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<Role>('agent')
  const [agentId, setAgentId] = useState<string | null>(null)
  const [errors, setErrors] = useState<ErrorDetail[]>([])
  const [failure, setFailure] = useState<string | null>(null)
  const agents = useQuery({
    queryKey: ['config-list', 'agents', 'all'],
    queryFn: () => client.get('/v1/agents', { query: { limit: 200, offset: 0 } }),
  })
  const submit = async () => {
    setErrors([])
    setFailure(null)
    try {
      await client.post('/v1/users', { username, password, role, agentId })
      setUsername('')
      setPassword('')
      props.onCreated(username)
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setErrors(error.details)
      setFailure(error.message)
    }
  }
  return (
    <Fieldset legend={t('userCreate')} maw={760}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <Group align="flex-start" grow>
          <TextInput
            label={t('username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={errorAt(errors, 'username')}
          />
          <PasswordInput
            label={t('password')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errorAt(errors, 'password')}
          />
        </Group>
        <Group align="flex-start" grow mt="sm">
          <Select
            label={t('role')}
            data={ROLES.map((r) => ({ value: r, label: t(`role_${r}` as MessageKey) }))}
            value={role}
            allowDeselect={false}
            onChange={(next) => setRole((next ?? 'agent') as Role)}
            error={errorAt(errors, 'role')}
          />
          <Select
            label={t('agentLink')}
            data={(agents.data?.items ?? []).map((a) => ({
              value: a.id,
              label: `${a.name} (${a.id})`,
            }))}
            value={agentId}
            searchable
            clearable
            onChange={setAgentId}
            error={errorAt(errors, 'agentId')}
          />
        </Group>
        {failure ? (
          <Alert color="red" mt="sm" role="alert">
            {failure}
          </Alert>
        ) : null}
        <Button type="submit" mt="md">
          {t('create')}
        </Button>
      </form>
    </Fieldset>
  )
}

export function Users() {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [offset, setOffset] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)
  const [resetting, setResetting] = useState<UserView | null>(null)
  const [newPassword, setNewPassword] = useState('')
  const [resetErrors, setResetErrors] = useState<ErrorDetail[]>([])
  const users = useQuery({
    queryKey: ['users', offset],
    queryFn: () => client.get('/v1/users', { query: { limit: PAGE_SIZE, offset } }),
    placeholderData: keepPreviousData,
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] })
  const toggle = async (user: UserView) => {
    try {
      await client.patch('/v1/users/{id}', { disabled: !user.disabled }, { path: { id: user.id } })
      await refresh()
    } catch (error) {
      setNotice((error as Error).message)
    }
  }
  const reset = async () => {
    if (!resetting) return
    try {
      await client.post(
        '/v1/users/{id}/password',
        { password: newPassword },
        { path: { id: resetting.id } },
      )
      setNotice(t('passwordReset', { user: resetting.username }))
      setResetting(null)
      setNewPassword('')
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error
      setResetErrors(
        error.details.length > 0 ? error.details : [{ path: 'password', message: error.message }],
      )
    }
  }
  return (
    <Stack>
      <Title order={2}>{t('kindUsers')}</Title>
      {notice ? (
        <Alert role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      <CreateUser
        onCreated={(username) => {
          setNotice(t('userCreated', { user: username }))
          void refresh()
        }}
      />
      {users.isError ? <Alert color="red">{users.error.message}</Alert> : null}
      <Table striped aria-label={t('users')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('username')}</Table.Th>
            <Table.Th>{t('role')}</Table.Th>
            <Table.Th>{t('agentLink')}</Table.Th>
            <Table.Th>{t('actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data?.items ?? []).map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                {user.username} {user.disabled ? <Badge color="gray">{t('disabled')}</Badge> : null}
              </Table.Td>
              <Table.Td>{t(`role_${user.role}` as MessageKey)}</Table.Td>
              <Table.Td>{user.agentId ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => toggle(user)}
                    aria-label={`${user.disabled ? t('enable') : t('disable')} ${user.username}`}
                  >
                    {user.disabled ? t('enable') : t('disable')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={`${t('resetPassword')} ${user.username}`}
                    onClick={() => {
                      setResetErrors([])
                      setResetting(user)
                    }}
                  >
                    {t('resetPassword')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {users.data ? (
        <Pager offset={offset} limit={PAGE_SIZE} total={users.data.total} onOffset={setOffset} />
      ) : null}
      <Alert color="gray">{t('usersDeleteNote')}</Alert>
      <Modal
        opened={resetting !== null}
        onClose={() => setResetting(null)}
        title={`${t('resetPassword')}: ${resetting?.username ?? ''}`}
      >
        <PasswordInput
          label={t('newPassword')}
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={errorAt(resetErrors, 'password')}
        />
        <Group mt="md" justify="flex-end">
          <Button variant="default" onClick={() => setResetting(null)}>
            {t('cancel')}
          </Button>
          <Button onClick={reset}>{t('resetPassword')}</Button>
        </Group>
      </Modal>
    </Stack>
  )
}
