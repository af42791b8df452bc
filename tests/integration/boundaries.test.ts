import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The house's boundaries are lint rules (`npm run lint` fails CI): these show each one refuses what it should. */
const eslint = new ESLint()
async function problems(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('import boundaries', () => {
  it('a route importing drizzle, the db handle or a table definition fails lint; the vocabulary does not', async () => {
    expect(await problems("import { eq } from 'drizzle-orm'\nexport const x = eq\n", 'app/routes/_app.x.tsx')).toHaveLength(1)
    expect(await problems("import { getDb } from '#db/client'\nexport const x = getDb\n", 'app/routes/_app.x.tsx')).toHaveLength(1)
    expect(await problems("import { users } from '#db/schema'\nexport const x = users\n", 'app/routes/_app.x.tsx')).toHaveLength(1)
    expect(await problems("import { roles } from '#db/schema/enums'\nexport const x = roles\n", 'app/routes/_app.x.tsx')).toEqual([])
  })

  it('reaching into a feature’s files fails lint, from a route, the server or another feature; its surface does not', async () => {
    expect(await problems("import { quorumNeeded } from '~/features/polls/tally'\nexport const x = quorumNeeded\n", 'app/routes/_app.x.tsx')).toHaveLength(1)
    expect(await problems("import { hallView } from '~/features/live-meeting/view.server'\nexport const x = hallView\n", 'server/realtime/x.ts')).toHaveLength(1)
    expect(await problems("import { roomRecords } from '~/features/minutes/minutes.server'\nexport const x = roomRecords\n", 'app/features/polls/x.ts')).toHaveLength(1)
    expect(await problems("import { hallView } from '~/features/live-meeting/index.server'\nexport const x = hallView\n", 'server/realtime/x.ts')).toEqual([])
    expect(await problems("import { BallotForm } from '~/features/polls'\nexport const x = BallotForm\n", 'app/routes/_app.x.tsx')).toEqual([])
  })

  it('a feature’s endpoints are taken by the API router only; a route or another server module reaching for them fails lint', async () => {
    const endpoints = "import { registerTaskEndpoints } from '~/features/tasks/api.server'\nexport const x = registerTaskEndpoints\n"
    expect(await problems(endpoints, 'server/api/v1/index.ts')).toEqual([])
    expect(await problems(endpoints, 'server/realtime/x.ts')).toHaveLength(1)
    expect(await problems(endpoints, 'app/routes/_app.x.tsx')).toHaveLength(1)
    expect(await problems("import { listTasks } from '~/features/tasks/tasks.server'\nexport const x = listTasks\n", 'server/api/v1/index.ts')).toHaveLength(1)
  })
})

describe('one writer per table', () => {
  it('every table is inserted, updated and deleted by one feature only (the others ask it)', () => {
    const writers = new Map<string, Set<string>>()
    const root = join(__dirname, '../../app/features')
    for (const area of readdirSync(root)) {
      const files = readdirSync(join(root, area), { recursive: true, encoding: 'utf8' }).filter((f) => /\.server\.tsx?$/.test(f) && !f.includes('.test.'))
      for (const file of files)
        for (const [, table] of readFileSync(join(root, area, file), 'utf8').matchAll(/\.(?:insert|update|delete)\((\w+)\)/g)) {
          if (!writers.has(table!)) writers.set(table!, new Set())
          writers.get(table!)!.add(area)
        }
    }
    expect(writers.get('tasks')).toEqual(new Set(['tasks']))
    expect(writers.get('taskEvents')).toEqual(new Set(['tasks']))
    const shared = [...writers].filter(([, areas]) => areas.size > 1).map(([table, areas]) => `${table}: ${[...areas].join(', ')}`)
    expect(shared).toEqual([])
  })
})
