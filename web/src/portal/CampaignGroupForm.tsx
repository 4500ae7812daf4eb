// A campaign group in pages (R5.7, R5.1): General (id, name, outdial entry point, business
// parameters) → Dialer details (the pacing mode from the five and its fields, the AMD estimate)
// → Summary, saved through the configuration API.
import { kindOf } from '../admin/kinds.ts'
import { useI18n } from '../i18n.tsx'
import { PacingFields } from './PacingFields.tsx'
import { PagedForm } from './PagedForm.tsx'
import type { FormPageDef } from './paged-form.ts'

const PAGES: readonly FormPageDef[] = [
  {
    key: 'general',
    label: 'portalPageGeneral',
    fields: ['id', 'name', 'entryPointId', 'businessParameters'],
  },
  {
    key: 'dialer',
    label: 'portalPageDialer',
    fields: ['pacing', 'amdHumanAsMachinePctEstimate'],
    custom: ['pacing'],
  },
]

const GROUPS = kindOf('campaign-groups')!

export function CampaignGroupForm(props: {
  id: string | null
  readOnly: boolean
  go(path: string): void
}) {
  const { t } = useI18n()
  const { id, readOnly, go } = props
  return (
    <PagedForm
      key={id ?? 'new'}
      kind={GROUPS}
      id={id}
      title={id ? t('portalGroupTitle', { id }) : t('portalNewGroup')}
      pages={PAGES}
      initial={{ pacing: {} }}
      readOnly={readOnly}
      renderPage={(page, { value, set, errors, fields }) =>
        page.key === 'dialer' ? (
          <>
            <PacingFields
              value={value.pacing}
              onChange={(next) => set('pacing', next)}
              errors={errors}
              readOnly={readOnly}
            />
            {fields}
          </>
        ) : null
      }
      onSaved={(doc) => {
        if (!id) go(`/portal/campaign-groups/${encodeURIComponent(doc.id)}`)
      }}
    />
  )
}
