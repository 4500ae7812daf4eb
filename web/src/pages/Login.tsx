import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { LanguageSwitch } from '../App.tsx'
import { api, type Principal } from '../api.ts'
import { useI18n } from '../i18n.tsx'

export function Login({ onSignedIn }: { onSignedIn: (user: Principal) => void }) {
  const { t } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const login = useMutation({
    mutationFn: () => api.login(username, password),
    onSuccess: onSignedIn,
  })
  return (
    <Center h="100vh">
      <main>
        <Paper withBorder p="xl" w={380}>
          <form
            onSubmit={(event) => {
              event.preventDefault()
              login.mutate()
            }}
          >
            <Stack>
              <Group justify="space-between">
                <Title order={1} size="h3">
                  {t('signInTitle')}
                </Title>
              </Group>
              <LanguageSwitch />
              <TextInput
                label={t('username')}
                autoComplete="username"
                required
                maxLength={128}
                value={username}
                onChange={(event) => setUsername(event.currentTarget.value)}
              />
              <PasswordInput
                label={t('password')}
                autoComplete="current-password"
                required
                maxLength={256}
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              {login.isError ? (
                <Alert color="red" title={t('signInFailed')} role="alert">
                  {login.error.message}
                </Alert>
              ) : null}
              <Button type="submit" loading={login.isPending}>
                {t('signIn')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </main>
    </Center>
  )
}
