import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { allocateDocumentNumber, peekDocumentNumber } from '~/features/conclusions/index.server'
import { getDb } from '#db/client'
import { issuingBodies } from '#db/schema'
import { createUnit } from '../factories'

function body(style: 'party' | 'state', bodyCode: string, termStartYear?: number) {
  return getDb().insert(issuingBodies).values({ unitId: createUnit().id, style, bodyCode, termStartYear, place: 'Hà Tĩnh' }).returning().get().id
}
const take = (bodyId: number, day: string, kind = 'TB') => getDb().transaction((tx) => allocateDocumentNumber({ issuingBodyId: bodyId, kindCode: kind, issuedOn: day }, { db: tx }))

describe('document numbering (R4.6g)', () => {
  it('a Party body numbers continuously across the years of its term, per kind', () => {
    const tu = body('party', 'TU', 2025)
    expect(take(tu, '2025-11-03').formatted).toBe('Số 01-TB/TU')
    expect(take(tu, '2025-12-30').formatted).toBe('Số 02-TB/TU')
    expect(take(tu, '2026-01-05').formatted).toBe('Số 03-TB/TU')
    expect(take(tu, '2026-01-05', 'KL').formatted).toBe('Số 01-KL/TU')
  })

  it('the number shown before issuing is the next one, and showing it takes nothing', () => {
    const tu = body('party', 'TU', 2025)
    expect(peekDocumentNumber({ issuingBodyId: tu, kindCode: 'TB', issuedOn: '2026-03-02' })).toBe('Số 01-TB/TU')
    expect(peekDocumentNumber({ issuingBodyId: tu, kindCode: 'TB', issuedOn: '2026-03-02' })).toBe('Số 01-TB/TU')
    expect(take(tu, '2026-03-02').formatted).toBe('Số 01-TB/TU')
    expect(peekDocumentNumber({ issuingBodyId: tu, kindCode: 'TB', issuedOn: '2026-03-03' })).toBe('Số 02-TB/TU')
    const ubnd = body('state', 'UBND')
    take(ubnd, '2026-12-30')
    expect(peekDocumentNumber({ issuingBodyId: ubnd, kindCode: 'TB', issuedOn: '2027-01-04' })).toBe('Số: 01/TB-UBND')
  })

  it('a state body restarts every 1 January', () => {
    const ubnd = body('state', 'UBND')
    expect(take(ubnd, '2025-12-30').formatted).toBe('Số: 01/TB-UBND')
    expect(take(ubnd, '2025-12-31').formatted).toBe('Số: 02/TB-UBND')
    expect(take(ubnd, '2026-01-02').formatted).toBe('Số: 01/TB-UBND')
  })

  it('a failed issuing gives its number back: no gaps', () => {
    const tu = body('party', 'TU', 2025)
    expect(take(tu, '2026-03-01').number).toBe(1)
    expect(() =>
      getDb().transaction((tx) => {
        allocateDocumentNumber({ issuingBodyId: tu, kindCode: 'TB', issuedOn: '2026-03-02' }, { db: tx })
        throw new Error('tạo nhiệm vụ thất bại')
      }),
    ).toThrow('tạo nhiệm vụ thất bại')
    expect(take(tu, '2026-03-03').number).toBe(2)
  })

  it('two processes issuing at the same time get consecutive numbers, no duplicates, no gaps', async () => {
    const tu = body('party', 'TU', 2025)
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/allocate-numbers.ts', process.env.DATABASE_PATH!, String(tu), '100'], { stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        let err = ''
        child.stdout.on('data', (d: Buffer) => (out += d))
        child.stderr.on('data', (d: Buffer) => (err += d))
        child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(err))))
      })
    const [a, b] = await Promise.all([run(), run()])
    expect(a).toHaveLength(100)
    expect(b).toHaveLength(100)
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
  }, 60_000)
})
