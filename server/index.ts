import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import { withDomainErrors } from '~/core/http.server'
import { ensureSearchIndex, keepSearchIndex } from '~/features/search/index.server'
import type { ServerBuild } from '@remix-run/node'
import type { Request, Response } from 'express'
import { ConfigError, config as loadConfig } from '~/core/config.server'
import type { NghisuLoadContext } from '~/load-context'
import { closeDb, getDb } from '#db/client'
import { migrateDatabase } from '#db/migrate'
import { BACKUP_PREFIX, backupDatabase, holdServerLock, listBackups } from '#db/backup'
import { vietnamDate } from '~/core/days'
import { createApp } from './app'
import { createHttpServer, DEFAULT_LIMITS } from './http-server'
import { prepareFirstRun } from './first-run'
import { attachMailer } from './mailer'
import { attachRealtime, bridgeEvents } from './realtime'
import { startScheduler } from './scheduler'
import { detectOfficeConverter } from '~/features/documents/index.server'
import { recoverNotificationParams } from '~/features/notifications/index.server'
import { clearStaleUploads } from '~/core/files.server'

function readConfig() {
  try {
    return loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
}

const config = readConfig()
const production = config.NODE_ENV === 'production'
process.env.DATABASE_PATH = config.DATABASE_PATH

const db = getDb()
migrateDatabase(db)
// Notifications from before their parameters were stored get them back, to be read in each reader's language.
const recovered = recoverNotificationParams({ db })
if (recovered) console.log(`Đã chuyển ${recovered} thông báo cũ sang dạng đọc được theo ngôn ngữ của người nhận.`)
const baseUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`
await prepareFirstRun(db, config, baseUrl)
// Global search: refilled from the tables when it does not match them (a seed or a CLI wrote them without events), then kept by the events.
const indexStarted = performance.now()
const rebuilt = ensureSearchIndex({ db })
keepSearchIndex()
if (rebuilt) console.log(`Đã lập lại chỉ mục tìm kiếm: ${Math.round(performance.now() - indexStarted)} ms.`)
// Uploads cut off by a crash or a kill left temporary files: none is in flight yet.
const stale = await clearStaleUploads()
if (stale) console.log(`Đã xóa ${stale} tệp tải lên dở dang.`)

const getLoadContext = (req: Request, res: Response): NghisuLoadContext => ({ ip: req.ip ?? req.socket.remoteAddress ?? '', cspNonce: res.locals.cspNonce as string | undefined })

// Behind a reverse proxy every client arrives from the proxy's address: no cap per address then.
const httpServer = createHttpServer({ ...DEFAULT_LIMITS, connectionsPerAddress: config.TRUST_PROXY ? 0 : DEFAULT_LIMITS.connectionsPerAddress })
let closeVite: (() => Promise<void>) | undefined
let app
if (production) {
  const buildPath = path.resolve('build/server/index.js')
  const build = (await import(buildPath)) as ServerBuild
  app = createApp({
    config,
    clientBuildDir: path.resolve('build/client'),
    remixHandler: createRequestHandler({ build: withDomainErrors(build), mode: 'production', getLoadContext }),
  })
} else {
  const vite = await import('vite').then((v) =>
    v.createServer({ server: { middlewareMode: true, hmr: { server: httpServer } }, appType: 'custom' }),
  )
  closeVite = () => vite.close()
  app = createApp({
    config,
    devMiddleware: vite.middlewares,
    remixHandler: createRequestHandler({
      build: async () => withDomainErrors((await vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild),
      mode: 'development',
      getLoadContext,
    }),
  })
}
httpServer.on('request', app)
const io = attachRealtime(httpServer, { publicUrl: config.PUBLIC_URL })
const detachBridge = bridgeEvents(io)
const mailer = attachMailer(config)
const releaseLock = holdServerLock(config.DATABASE_PATH)
const scheduler = startScheduler({
  reminderDays: config.TASK_REMINDER_DAYS,
  reportReminderDays: config.REPORT_REMINDER_DAYS,
  backup:
    config.BACKUP_HOUR === 'off'
      ? undefined
      : {
          hour: config.BACKUP_HOUR,
          run: async (at) => {
            // A restart later the same day does not make another.
            const day = vietnamDate(at)
            if ((await listBackups(config.BACKUP_DIR)).some((b) => b.startsWith(`${BACKUP_PREFIX}${day}`))) return
            const { folder } = await backupDatabase({ db, filesDir: config.FILES_DIR, backupDir: config.BACKUP_DIR, keep: config.BACKUP_KEEP, now: at })
            console.log(`Đã sao lưu hằng ngày vào ${folder}.`)
          },
        },
})
const converter = detectOfficeConverter()

httpServer.listen(config.PORT, config.HOST, () => {
  console.log(converter ? `Xem tài liệu Office dạng PDF: có (${converter})` : 'Xem tài liệu Office dạng PDF: không (chưa cài LibreOffice), các tệp này được tải về')
  console.log(`Nghị sự đang chạy tại ${baseUrl} (${production ? 'production' : 'development'}, CSDL: ${config.DATABASE_PATH})`)
})

let stopping = false
/** Stop accepting, let requests finish, close sockets and the database. */
function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`Nhận ${signal}, đang dừng…`)
  const force = setTimeout(() => {
    httpServer.closeAllConnections()
  }, 10_000)
  force.unref()
  detachBridge()
  mailer.detach()
  scheduler.stop()
  // io.close disconnects every socket and closes the HTTP server; its callback runs once the
  // last connection has ended.
  void io.close(async () => {
    await mailer.idle()
    await closeVite?.()
    closeDb()
    releaseLock()
    clearTimeout(force)
    console.log('Đã dừng.')
    process.exit(0)
  })
  httpServer.closeIdleConnections()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
