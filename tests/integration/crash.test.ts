import { spawn } from 'node:child_process'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { closeDb, getDb } from '#db/client'
import { taskEvents } from '#db/schema'
import { createTask, createUnit, createUser, sessionCookieFor } from '../factories'

describe('a crash (kill -9) in the middle of concurrent writes', () => {
  it('loses no acknowledged progress report and leaves the database intact', async () => {
    const unit = createUnit({ name: 'Ban Kinh tế' })
    const officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
    const tasks = await Promise.all(Array.from({ length: 10 }, () => createTask({ leadUnitId: unit.id, deadline: '2099-12-31' })))
    const cookie = sessionCookieFor(officer.id)
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/crash-server.ts'], { env: { ...process.env }, stdio: ['ignore', 'pipe', 'inherit'] })
    const port = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))))
    const base = `http://127.0.0.1:${port}`
    const acknowledged: string[] = []
    let killed = false
    const post = async (i: number) => {
      const text = `Báo cáo trước sự cố #${i}`
      try {
        const res = await fetch(`${base}/api/v1/tasks/${tasks[i % tasks.length]!.id}/progress`, { method: 'POST', headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/json' }, body: JSON.stringify({ percent: (i % 99) + 1, text }) })
        if (res.status === 200) acknowledged.push(text)
        await res.arrayBuffer()
      } catch {
        // the server died under this request: not acknowledged
      }
      if (!killed && acknowledged.length >= 60) {
        killed = true
        child.kill('SIGKILL')
      }
    }
    // 200 posts, 20 at a time, until the kill.
    for (let start = 0; start < 200 && !killed; start += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => post(start + k)))
    if (!killed) child.kill('SIGKILL')
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode ? resolve(null) : child.once('exit', resolve)))
    expect(child.signalCode).toBe('SIGKILL')
    expect(acknowledged.length).toBeGreaterThanOrEqual(60)
    // "Restart": open the database again, as the server would after the crash.
    closeDb()
    const db = getDb()
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
    const stored = new Set(
      db
        .select({ text: taskEvents.text })
        .from(taskEvents)
        .where(inArray(taskEvents.taskId, tasks.map((t) => t.id)))
        .all()
        .map((e) => e.text),
    )
    expect(acknowledged.filter((t) => !stored.has(t))).toEqual([])
    expect(db.select().from(taskEvents).where(eq(taskEvents.kind, 'progress')).all().length).toBeGreaterThanOrEqual(acknowledged.length)
  })
})
