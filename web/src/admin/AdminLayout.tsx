// The administration area (issue 13, R4, R5): `/admin`, `/admin/:kind`, `/admin/:kind/:id` (`new`
// creates). A left navigation of every kind the role may open; an administrator changes
// everything, a supervisor reads the kinds the API lets them read; an agent is refused (and the
// API refuses them too).
import { Alert, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core'
import type { Principal } from '../api.ts'
import { FlowEditorPage } from '../flow-editor/FlowEditorPage.tsx'
import { useI18n } from '../i18n.tsx'
import { ContactLists } from '../uploads/ContactLists.tsx'
import { DncLists } from '../uploads/DncLists.tsx'
import { Wizard } from '../wizard/Wizard.tsx'
import { Audit } from './Audit.tsx'
import { EditorPage } from './EditorPage.tsx'
import { kindOf, kindsFor } from './kinds.ts'
import { ListPage } from './ListPage.tsx'
import { Users } from './Users.tsx'

/** `/admin/teams/t1` → ['teams', 't1']. */
function adminRoute(path: string): { slug: string | null; id: string | null } {
  const [, , slug, id] = path.split('/').map(decodeURIComponent)
  return { slug: slug || null, id: id || null }
}

function Content(props: {
  user: Principal
  slug: string | null
  id: string | null
  go(path: string): void
}) {
  const { t } = useI18n()
  const { user, slug, id, go } = props
  const admin = user.role === 'admin'
  if (slug === 'users' && admin) return <Users />
  if (slug === 'audit' && admin) return <Audit />
  if (slug === 'wizard' && admin) return <Wizard />
  if (slug === 'contact-lists' && admin) return <ContactLists />
  if (slug === 'dnc' && admin) return <DncLists />
  const kind = slug ? kindOf(slug) : undefined
  if (!kind || !kindsFor(user.role).includes(kind)) return <Text>{t('adminIntro')}</Text>
  if (id === null) return <ListPage key={kind.slug} kind={kind} readOnly={!admin} go={go} />
  // Flows open in the flow editor (web/src/flow-editor) rather than the generated form.
  if (kind.slug === 'flows')
    return <FlowEditorPage key={id} id={id === 'new' ? null : id} readOnly={!admin} go={go} />
  return (
    <EditorPage
      key={`${kind.slug}/${id}`}
      kind={kind}
      id={id === 'new' ? null : id}
      readOnly={!admin}
      go={go}
    />
  )
}

export function AdminLayout(props: { user: Principal; path: string; go(path: string): void }) {
  const { t } = useI18n()
  const { user, path, go } = props
  if (user.role === 'agent')
    return (
      <Alert color="red" title={t('forbiddenTitle')} role="alert">
        {t('adminForbiddenText')}
      </Alert>
    )
  const { slug, id } = adminRoute(path)
  const link = (to: string, label: string) => (
    <NavLink
      key={to}
      href={`/admin/${to}`}
      label={label}
      active={slug === to}
      onClick={(e) => {
        e.preventDefault()
        go(`/admin/${to}`)
      }}
    />
  )
  return (
    <Group align="flex-start" wrap="nowrap" gap="lg">
      <nav aria-label={t('adminNav')} style={{ width: 220, flexShrink: 0 }}>
        <ScrollArea.Autosize mah="calc(100vh - 90px)">
          <NavLink
            href="/portal"
            label={t('portalLink')}
            fw={600}
            onClick={(e) => {
              e.preventDefault()
              go('/portal')
            }}
          />
          {user.role === 'admin' ? link('wizard', t('navWizard')) : null}
          {kindsFor(user.role).map((k) => link(k.slug, t(k.label)))}
          {user.role === 'admin' ? (
            <>
              {link('contact-lists', t('navContactLists'))}
              {link('dnc', t('navDnc'))}
              {link('users', t('kindUsers'))}
              {link('audit', t('kindAudit'))}
            </>
          ) : null}
        </ScrollArea.Autosize>
      </nav>
      <Stack style={{ flex: 1, minWidth: 0 }}>
        {user.role === 'admin' ? null : <Alert color="gray">{t('adminReadOnly')}</Alert>}
        <Content user={user} slug={slug} id={id} go={go} />
      </Stack>
    </Group>
  )
}
