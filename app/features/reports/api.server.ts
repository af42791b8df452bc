import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { getReport, issuedReportFile, reportFigures, reportScopeFor } from '~/features/reports/index.server'
import { DomainError } from '~/core/errors'
import { isValidDate } from '~/core/days'
import { sendWebResponse } from '~/core/api/web.server'
import { defineEndpoint } from '~/core/api/endpoint.server'

/** Reports over the API, by the page's rules: the figures of a period and scope (computed now), an issued report (frozen), their files. */
const figuresSchema = z.record(z.string(), z.unknown()).meta({ id: 'ReportFigures', description: 'tasks (Biểu 1–2: rows by lead unit, total, rates with their denominators, lastYear, trend, overdue), programme (Biểu 3), discipline (Biểu 4)' })
const date = z.string().refine(isValidDate, 'validation.date')

export function registerReportEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/reports/figures',
    tag: 'Báo cáo',
    summary: 'Số liệu báo cáo của một kỳ (from–to) và phạm vi (toàn Đảng bộ, hoặc unitId): tính từ dữ liệu hiện có',
    query: z.object({ from: date, to: date, unitId: z.coerce.number().int().positive().optional() }).strict(),
    success: { status: 200, description: 'Số liệu', schema: figuresSchema },
    errors: [400, 404],
    handler: ({ user, query }) => {
      const scope = reportScopeFor(user, query.unitId ?? null)
      if (!scope || query.from > query.to || Date.parse(query.to) - Date.parse(query.from) > 3 * 366 * 86_400_000) throw new DomainError('reports.errors.forbidden', 'not_found')
      return reportFigures({ period: { from: query.from, to: query.to, unitId: scope.unitId } })
    },
  })

  const issued = (user: Parameters<typeof reportScopeFor>[0], id: number) => {
    const report = getReport({ id })
    const scope = report ? reportScopeFor(user, report.unitId) : null
    if (!report || !scope || scope.unitId !== report.unitId) throw new DomainError('reports.errors.forbidden', 'not_found')
    return report
  }

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/reports/:id',
    tag: 'Báo cáo',
    summary: 'Báo cáo đã ban hành: số, ngày, kỳ, số liệu cố định khi ban hành',
    params: z.object({ id: z.coerce.number().int().positive() }),
    success: { status: 200, description: 'Báo cáo', schema: z.object({ id: z.number().int(), title: z.string(), numberFormatted: z.string(), issuedOn: z.string(), periodFrom: z.string(), periodTo: z.string(), unitId: z.number().int().nullable(), figures: figuresSchema }).meta({ id: 'Report' }) },
    errors: [404],
    handler: ({ user, params }) => {
      const r = issued(user, params.id)
      return { id: r.id, title: r.title, numberFormatted: r.numberFormatted, issuedOn: r.issuedOn, periodFrom: r.periodFrom, periodTo: r.periodTo, unitId: r.unitId, figures: r.figures }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/reports/:id/file',
    tag: 'Báo cáo',
    summary: 'Tệp báo cáo đã ban hành (DOCX theo thể thức văn bản của Đảng, hoặc XLSX mỗi biểu một trang)',
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ format: z.enum(['docx', 'xlsx']).default('docx') }).strict(),
    raw: { contentType: 'application/octet-stream' },
    success: { status: 200, description: 'Tệp báo cáo' },
    errors: [404],
    handler: async ({ res, user, params, query }) => {
      const r = issued(user, params.id)
      await sendWebResponse(res, await issuedReportFile(r, query.format))
    },
  })
}
