import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, requireUser } from '~/features/directory/index.server'
import { exportProgrammeSheet, getProgramme } from '~/features/programme/index.server'
import { parseId } from '~/core/schemas'

/** The programme as an .xlsx file, with the columns the import reads back. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request)
  const id = parseId(params.programmeId)
  const programme = id ? getProgramme({ id }) : null
  invariantResponse(programme, 'programme.notFound')
  const buffer = await exportProgrammeSheet({ programmeId: programme.id })
  const name = `chuong-trinh-cong-tac-${programme.year}${programme.periodNumber ? `-${programme.period}-${programme.periodNumber}` : ''}.xlsx`
  return new Response(new Uint8Array(buffer), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`Chương trình công tác ${programme.year}.xlsx`)}`,
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
