import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { authenticate } from '~/features/directory/index.server'
import { vietnamDate } from '~/core/days'
import { openDatabase } from './client'
import { migrateDatabase } from './migrate'
import { type DocJSON, taskBlocksOf } from '~/features/conclusions/index.server'
import { countTasks } from '~/features/tasks/index.server'
import fs from 'node:fs'
import { blobPath } from '~/core/files.server'
import { conclusions, documentReads, documents, files, meetings, meetingTypes, programmeItems, tasks, units, users } from './schema'
import { seedDemo, seedProvince } from './seed'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'

function freshDb() {
  const db = openDatabase(path.join(os.tmpdir(), `nghisu-seed-${randomUUID()}.db`))
  migrateDatabase(db)
  return db
}

describe('seeds', () => {
  it('the demo body: units, people with every role, a programme and meetings past, this week and ahead', async () => {
    const db = freshDb()
    await seedDemo(db, { password: 'mat-khau-demo-kiem-thu' })
    expect(db.select({ n: count() }).from(units).get()!.n).toBe(25)
    expect(db.select({ n: count() }).from(users).get()!.n).toBeGreaterThanOrEqual(55)
    expect(db.select({ n: count() }).from(meetingTypes).get()!.n).toBe(5)
    expect(db.select({ n: count() }).from(programmeItems).get()!.n).toBeGreaterThan(15)
    const all = db.select({ startsAt: meetings.startsAt, status: meetings.status }).from(meetings).all()
    const now = Date.now()
    expect(all.some((m) => m.status === 'held' && m.startsAt.getTime() < now)).toBe(true)
    expect(all.some((m) => m.startsAt.getTime() > now && m.status === 'invited')).toBe(true)
    expect(all.some((m) => Math.abs(m.startsAt.getTime() - now) < 7 * 86_400_000)).toBe(true)
    for (const m of all) expect([0, 6]).not.toContain(new Date(`${vietnamDate(m.startsAt)}T00:00:00Z`).getUTCDay())
    const admin = db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')).get()
    expect(admin).toBeDefined()
    expect(await authenticate({ input: { username: 'bantochuc', password: 'mat-khau-demo-kiem-thu', ip: '127.0.0.9' } }, { db })).toMatchObject({ ok: true })
    // Issued conclusions numbered continuously, with tasks in every state.
    const numbers = db.select({ n: conclusions.numberFormatted }).from(conclusions).all().map((c) => c.n)
    // (Early in January there may be no held meeting yet: nothing here assumes the date.)
    numbers.forEach((n, i) => expect(n).toBe(`Số ${String(i + 1).padStart(2, '0')}-TB/TU`))
    expect(db.select({ n: count() }).from(tasks).get()!.n).toBeGreaterThanOrEqual(2 * numbers.length)
    // Real documents: a PDF and a DOCX per meeting (stored once each), distributed, partly read.
    const docs = db.select().from(documents).all()
    expect(docs.length).toBeGreaterThan(10)
    expect(docs.every((d) => d.distributedAt)).toBe(true)
    expect(db.select({ mime: files.mime }).from(files).all().map((f) => f.mime).sort()).toEqual(['application/pdf', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'])
    for (const f of db.select().from(files).all()) expect(fs.statSync(blobPath(f.sha256)).size).toBe(f.size)
    expect(db.select({ n: count() }).from(documentReads).get()!.n).toBeGreaterThan(docs.length)
    await expect(seedDemo(db, { password: 'mat-khau-demo-kiem-thu' })).rejects.toThrow(/đã có dữ liệu/)
    db.$client.close()
  })

  it('province scale: about 150 units, 2,000 people and 3,000 meetings over five years', async () => {
    const db = freshDb()
    await seedProvince(db, { password: 'mat-khau-demo-kiem-thu' })
    expect(db.select({ n: count() }).from(units).get()!.n).toBe(150)
    expect(db.select({ n: count() }).from(users).get()!.n).toBe(2000)
    const n = db.select({ n: count() }).from(meetings).get()!.n
    expect(n).toBeGreaterThan(2500)
    expect(n).toBeLessThan(3200)
    // About 30,000 tasks over five years, in every bucket, each notice's text naming its tasks.
    const taskCount = db.select({ n: count() }).from(tasks).get()!.n
    expect(taskCount).toBeGreaterThan(25_000)
    expect(taskCount).toBeLessThan(32_000)
    const totals = countTasks({ filter: {} }, { db }).total
    for (const bucket of ['done_on_time', 'done_late', 'open_within', 'open_overdue'] as const) expect(totals[bucket], bucket).toBeGreaterThan(500)
    const sample = db.select().from(conclusions).where(eq(conclusions.status, 'issued')).limit(1).get()!
    expect(db.select({ n: count() }).from(documents).get()!.n).toBe(3 * n)
    expect(db.select({ n: count() }).from(documentReads).get()!.n).toBeGreaterThan(50_000)
    expect(taskBlocksOf(sample.content as DocJSON).map((b) => b.id)).toEqual(db.select({ id: tasks.blockId }).from(tasks).where(eq(tasks.conclusionId, sample.id)).all().map((t) => t.id))
    db.$client.close()
  }, 120_000)
})
