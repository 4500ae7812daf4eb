// One configuration object loaded for an editor (issue 13): its body and version handed to the
// editor's state once, no refetch when the window regains focus (that would overwrite edits).
import { useQuery } from '@tanstack/react-query'
import { configApi } from './config-api.ts'
import type { AdminKind } from './kinds.ts'
import type { FormValue } from './SchemaForm.tsx'

export function useConfigDocument(
  kind: AdminKind,
  id: string | null,
  onLoaded: (body: FormValue, version: number) => void,
) {
  return useQuery({
    queryKey: ['config', kind.slug, id],
    queryFn: async () => {
      const doc = await configApi.get(kind, id!)
      onLoaded(doc.body as FormValue, doc.version)
      return doc
    },
    enabled: id !== null,
    refetchOnWindowFocus: false,
  })
}
