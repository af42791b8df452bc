import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { DomainError } from '~/core/errors'
import { can } from '~/core/permissions.server'
import { canSeeContactDetails } from '~/features/directory/index.server'
import { createUnit, createUser, createUserApiSchema, getUnit, getUser, listUnits, listUsers, publicUserSchema as publicUserShape, unitCreateApiSchema, unitPatchSchema, unitSchema as unitShape, updateUnit, updateUser, updateUserApiSchema, type UserDetail, userDetailSchema as userDetailShape } from '~/features/directory/index.server'
import { roles } from '#db/schema/users'
import { requireApiPermission } from '~/core/api/user.server'
import { defineEndpoint } from '~/core/api/endpoint.server'

// Named components in the OpenAPI document (zod's registry ids).
const unitSchema = unitShape.meta({ id: 'Unit' })
const publicUserSchema = publicUserShape.meta({ id: 'User' })
const userDetailSchema = userDetailShape.meta({ id: 'UserDetail' })

const idParams = z.object({ id: z.coerce.number().int().positive() })
const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}

function toPublicUser(u: Pick<UserDetail, 'id' | 'username' | 'fullName' | 'position' | 'unitId' | 'active'>) {
  return { id: u.id, username: u.username, fullName: u.fullName, position: u.position, unitId: u.unitId, active: u.active }
}
function toUserDetail(u: UserDetail) {
  return { ...toPublicUser(u), email: u.email, phone: u.phone, roles: u.roles, locale: u.locale }
}

/** /me, /units and /users: admins write, everyone signed in reads what the directory shows. */
export function registerDirectoryEndpoints(router: Router, registry: OpenAPIRegistry) {

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/me',
    tag: 'Tài khoản',
    summary: 'Người dùng hiện tại (kèm vai trò)',
    success: { status: 200, description: 'Người dùng hiện tại', schema: userDetailSchema.extend({ unitName: z.string().nullable() }) },
    handler: ({ user }) => ({ ...toUserDetail(getUser({ id: user.id })!), unitName: user.unitName }),
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/units',
    tag: 'Đơn vị',
    summary: 'Danh sách đơn vị',
    query: z.object({ q: z.string().max(100).optional(), includeInactive: z.enum(['true', 'false']).optional() }).strict(),
    success: { status: 200, description: 'Các đơn vị', schema: z.object({ items: z.array(unitSchema) }) },
    errors: [400, 403],
    handler: ({ req, query }) => {
      requireApiPermission(req, 'directory.read')
      return { items: listUnits({ filter: { q: query.q, includeInactive: query.includeInactive === 'true' } }) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/units/:id',
    tag: 'Đơn vị',
    summary: 'Một đơn vị',
    params: idParams,
    success: { status: 200, description: 'Đơn vị', schema: unitSchema.extend({ memberCount: z.number().int() }) },
    errors: [403, 404],
    handler: ({ req, params }) => {
      requireApiPermission(req, 'directory.read')
      const unit = getUnit({ id: params.id })
      if (!unit) throw new DomainError('unit.notFound', 'not_found')
      return unit
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/units',
    tag: 'Đơn vị',
    summary: 'Tạo đơn vị (quản trị)',
    body: unitCreateApiSchema,
    success: { status: 201, description: 'Đơn vị đã tạo', schema: unitSchema },
    errors: [400, 403, 409, 413],
    handler: ({ req, body, user }) => {
      requireApiPermission(req, 'units.manage')
      const id = createUnit({ input: body, actor: { id: user.id, ip: req.ip } })
      return getUnit({ id })
    },
  })

  defineEndpoint(router, registry, {
    method: 'patch',
    path: '/units/:id',
    tag: 'Đơn vị',
    summary: 'Sửa đơn vị (quản trị)',
    params: idParams,
    body: unitPatchSchema,
    success: { status: 200, description: 'Đơn vị sau khi sửa', schema: unitSchema },
    errors: [400, 403, 404, 409, 413],
    handler: ({ req, params, body, user }) => {
      requireApiPermission(req, 'units.manage')
      updateUnit({ id: params.id, input: body, actor: { id: user.id, ip: req.ip } })
      return getUnit({ id: params.id })
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/users',
    tag: 'Người dùng',
    summary: 'Danh sách người dùng (quản trị thấy thêm liên hệ, vai trò và tài khoản ngừng hoạt động)',
    query: z
      .object({
        q: z.string().max(100).optional(),
        unitId: z.coerce.number().int().positive().optional(),
        role: z.enum(roles).optional(),
        status: z.enum(['active', 'inactive', 'all']).optional(),
        ...pageQuery,
      })
      .strict(),
    success: {
      status: 200,
      description: 'Một trang người dùng',
      schema: z.object({ items: z.array(z.union([userDetailSchema, publicUserSchema])), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
    },
    errors: [400, 403],
    handler: ({ req, query }) => {
      const viewer = requireApiPermission(req, 'directory.read')
      const admin = can(viewer, 'users.manage')
      const result = listUsers({ filter: { ...query, status: admin ? query.status : 'active' } })
      return {
        ...result,
        items: result.rows.map((r) => (admin ? { ...toPublicUser(r), email: r.email, phone: r.phone, roles: r.roles } : toPublicUser(r))),
        rows: undefined,
      }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/users/:id',
    tag: 'Người dùng',
    summary: 'Một người dùng',
    params: idParams,
    success: { status: 200, description: 'Người dùng', schema: z.union([userDetailSchema, publicUserSchema]) },
    errors: [403, 404],
    handler: ({ req, params }) => {
      const viewer = requireApiPermission(req, 'directory.read')
      const user = getUser({ id: params.id })
      const admin = can(viewer, 'users.manage')
      if (!user || (!user.active && !admin)) throw new DomainError('user.notFound', 'not_found')
      return canSeeContactDetails(viewer, user.id) ? toUserDetail(user) : toPublicUser(user)
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/users',
    tag: 'Người dùng',
    summary: 'Tạo người dùng (quản trị)',
    body: createUserApiSchema,
    success: { status: 201, description: 'Người dùng đã tạo', schema: userDetailSchema },
    errors: [400, 403, 409, 413],
    handler: async ({ req, body, user }) => {
      requireApiPermission(req, 'users.manage')
      const id = await createUser({ input: body, actor: { id: user.id, ip: req.ip } })
      return toUserDetail(getUser({ id })!)
    },
  })

  defineEndpoint(router, registry, {
    method: 'patch',
    path: '/users/:id',
    tag: 'Người dùng',
    summary: 'Sửa, ngừng hoạt động hoặc kích hoạt lại người dùng (quản trị)',
    params: idParams,
    body: updateUserApiSchema,
    success: { status: 200, description: 'Người dùng sau khi sửa', schema: userDetailSchema },
    errors: [400, 403, 404, 409, 413],
    handler: ({ req, params, body, user }) => {
      requireApiPermission(req, 'users.manage')
      updateUser({ id: params.id, input: body, actor: { id: user.id, ip: req.ip } })
      return toUserDetail(getUser({ id: params.id })!)
    },
  })
}
