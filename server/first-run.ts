import type { Config } from '~/core/config.server'
import { countUsers, createSetupToken } from '~/features/directory/index.server'
import type { DB } from '#db/client'
import { DEMO_ACCOUNTS_NOTE, seedDemo } from '#db/seed'

/**
 * On an empty database: with DEMO, seed the demo body and print its accounts; otherwise create
 * no account with a known password and print a one-time link to create the first administrator.
 */
export async function prepareFirstRun(db: DB, config: Config, baseUrl: string) {
  if (countUsers({ db }) > 0) {
    if (config.DEMO) console.log('DEMO: cơ sở dữ liệu đã có dữ liệu, không nạp lại dữ liệu mẫu.')
    return
  }
  if (config.DEMO) {
    await seedDemo(db, { password: config.DEMO_PASSWORD })
    console.log(DEMO_ACCOUNTS_NOTE(config.DEMO_PASSWORD))
    return
  }
  const token = createSetupToken({ db })
  console.log(
    [
      '',
      'Chưa có tài khoản nào. Mở liên kết sau (dùng một lần) để tạo tài khoản quản trị đầu tiên:',
      `  ${baseUrl}/setup/${token}`,
      '',
    ].join('\n'),
  )
}
