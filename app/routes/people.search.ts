import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from '~/core/zod'
import { requireUserWithPermission, searchPeople } from '~/features/directory/index.server'
import { roles } from '#db/schema/enums'

const querySchema = z.object({ q: z.string().max(100).catch(''), role: z.enum(roles).optional().catch(undefined) })

/** The people pickers' server search (features/directory/components/people-picker.tsx): for those who may read the directory. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'directory.read')
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  return Response.json({ people: searchPeople({ q: query.q, role: query.role }) }, { headers: { 'Cache-Control': 'private, no-store' } })
}
