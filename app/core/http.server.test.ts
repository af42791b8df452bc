import type { ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { DomainError } from '~/core/errors'
import { authorize } from '~/core/permissions.server'
import { canViewMeeting } from '~/features/meetings/index.server'
import { withDomainErrors } from './http.server'

const delegate = { id: 7, roles: ['delegate' as const], unitId: null }
const meeting = { chairUserId: 1, participantUserIds: [2, 3], status: 'scheduled' }

/** A build with one route whose loader and action throw what they are given. */
function buildThrowing(thrown: () => unknown) {
  const fail = async () => {
    throw thrown()
  }
  return withDomainErrors({ routes: { 'routes/x': { id: 'routes/x', path: 'x', module: { loader: fail, action: fail, default: () => null } } } } as unknown as ServerBuild)
}
async function caught(run: () => unknown) {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('did not throw')
}

describe('one way to refuse', () => {
  it('authorize throws a forbidden domain error, for a permission and for a rule with its subject', () => {
    expect(() => authorize(delegate, 'meetings.manage')).toThrow(expect.objectContaining({ kind: 'forbidden', message: 'errors.forbidden' }))
    expect(() => authorize(delegate, canViewMeeting, meeting as never)).toThrow(DomainError)
    expect(() => authorize(null, 'directory.read')).toThrow(DomainError)
    expect(() => authorize({ ...delegate, id: 2 }, canViewMeeting, meeting as never)).not.toThrow()
    expect(() => authorize(delegate, 'directory.read')).not.toThrow()
  })

  it("pages answer a thrown domain error with its kind's status and message key; anything else is left alone", async () => {
    for (const [error, status] of [
      [new DomainError('errors.forbidden', 'forbidden'), 403],
      [new DomainError('meeting.notFound', 'not_found'), 404],
      [new DomainError('x.taken', 'conflict'), 409],
    ] as const) {
      const module = buildThrowing(() => error).routes['routes/x']!.module
      for (const handler of [module.loader!, module.action!]) {
        const response = (await caught(() => handler({} as never))) as Response
        expect(response).toBeInstanceOf(Response)
        expect(response.status).toBe(status)
        expect(await response.json()).toEqual({ message: error.message })
      }
    }
    // The Remix build bundles its own copy of lib/errors: its DomainErrors are recognised too.
    const fromTheBuild = Object.assign(new Error('errors.forbidden'), { kind: 'forbidden', [Symbol.for('nghisu.DomainError')]: true })
    expect(((await caught(() => buildThrowing(() => fromTheBuild).routes['routes/x']!.module.loader!({} as never))) as Response).status).toBe(403)
    const other = new Error('boom')
    expect(await caught(() => buildThrowing(() => other).routes['routes/x']!.module.loader!({} as never))).toBe(other)
  })
})
