// The shell: who is signed in, the pages their role may open (an agent: the desktop only), the
// language switch. Pages are plain paths (src/server/web-app.ts serves each with index.html).
import {
  Alert,
  AppShell,
  Button,
  Center,
  Group,
  Loader,
  SegmentedControl,
  Title,
} from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { AdminLayout } from './admin/AdminLayout.tsx'
import { api, type Principal } from './api.ts'
import { Desk } from './desk/Desk.tsx'
import { type Language, useI18n } from './i18n.tsx'
import { Login } from './pages/Login.tsx'
import { Supervisor } from './pages/Supervisor.tsx'
import { Portal } from './portal/Portal.tsx'
import { Reports } from './reports/Reports.tsx'
import { ContactUpload } from './uploads/ContactUpload.tsx'

type Page = '/desk' | '/supervisor' | '/admin' | '/portal' | '/reports'

/** The path with its query: the report pages keep their drill path and range in it. */
const here = () => window.location.pathname + window.location.search

function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(here)
  useEffect(() => {
    const onPop = () => setPath(here())
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const go = (next: string) => {
    window.history.pushState(null, '', next)
    setPath(next)
  }
  return [path, go]
}

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n()
  return (
    <SegmentedControl
      aria-label={t('language')}
      size="xs"
      value={language}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: 'en', label: 'English' },
        { value: 'pl', label: 'Polski' },
      ]}
    />
  )
}

function pageFor(url: string, user: Principal): Page {
  const path = url.split('?')[0]!
  // An agent opening /admin is told it is not for them (and the API refuses them too).
  if (path === '/admin' || path.startsWith('/admin/')) return '/admin'
  if (path === '/portal' || path.startsWith('/portal/')) return '/portal'
  if (path === '/reports' || path.startsWith('/reports/')) return '/reports'
  if (path === '/supervisor') return '/supervisor'
  if (path === '/desk' || user.role === 'agent') return '/desk'
  return '/supervisor'
}

export function App() {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [path, go] = usePath()
  const me = useQuery({ queryKey: ['me'], queryFn: api.me })
  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label={t('loading')} />
      </Center>
    )
  if (me.isError)
    return (
      <Center h="100vh">
        <Alert color="red" title={t('errorTitle')}>
          {me.error.message}
          <Button mt="sm" onClick={() => me.refetch()}>
            {t('retry')}
          </Button>
        </Alert>
      </Center>
    )
  const user = me.data
  if (!user)
    return (
      <Login
        onSignedIn={(principal) => {
          queryClient.setQueryData(['me'], principal)
          go(principal.role === 'agent' ? '/desk' : '/supervisor')
        }}
      />
    )
  const page = pageFor(path, user)
  // The administration and the portal route by the path alone; the report pages read the query too.
  const pathname = path.split('?')[0]!
  const signOut = async () => {
    await api.logout().catch(() => undefined)
    queryClient.clear()
    go('/login')
    queryClient.setQueryData(['me'], null)
  }
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Title order={1} size="h3">
              {t('appName')}
            </Title>
            <nav aria-label={t('appName')}>
              <Group gap="xs">
                {user.role === 'agent' ? null : (
                  <>
                    <Button
                      variant={page === '/desk' ? 'light' : 'subtle'}
                      onClick={() => go('/desk')}
                    >
                      {t('navDesk')}
                    </Button>
                    <Button
                      variant={page === '/supervisor' ? 'light' : 'subtle'}
                      onClick={() => go('/supervisor')}
                    >
                      {t('navSupervisor')}
                    </Button>
                    <Button
                      variant={page === '/admin' || page === '/portal' ? 'light' : 'subtle'}
                      onClick={() => go('/admin')}
                    >
                      {t('navAdmin')}
                    </Button>
                    <Button
                      variant={page === '/reports' ? 'light' : 'subtle'}
                      onClick={() => go('/reports')}
                    >
                      {t('navReports')}
                    </Button>
                  </>
                )}
              </Group>
            </nav>
          </Group>
          <Group>
            <LanguageSwitch />
            <span>{user.username}</span>
            <Button variant="default" onClick={signOut}>
              {t('signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {page === '/desk' ? (
          <Desk user={user} />
        ) : page === '/admin' ? (
          <AdminLayout user={user} path={pathname} go={go} />
        ) : page === '/portal' ? (
          <Portal user={user} path={pathname} go={go} Upload={ContactUpload} />
        ) : page === '/reports' ? (
          <Reports user={user} go={go} />
        ) : (
          <Supervisor user={user} />
        )}
      </AppShell.Main>
    </AppShell>
  )
}
