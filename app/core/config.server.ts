import { z } from '~/core/zod'

/**
 * Configuration from environment variables, validated once. A wrong value stops the server
 * with a message naming the variable (see README, "Cấu hình").
 */
const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes')

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('data/nghisu.db'),
  FILES_DIR: z.string().min(1).default('data/files'),
  /** Largest file accepted, in MiB. */
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(100),
  /** Where backups go (`npm run db:backup`, and daily). */
  BACKUP_DIR: z.string().min(1).default('data/backups'),
  /** The hour (Asia/Ho_Chi_Minh, 0–23) of the daily backup; `off` for none. */
  BACKUP_HOUR: z.union([z.literal('off'), z.coerce.number().int().min(0).max(23)]).default(2),
  /** How many backups to keep (the oldest are removed). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  /** Largest request body that is not a file upload (forms, JSON), in KiB. */
  MAX_FORM_KB: z.coerce.number().int().min(16).max(65536).default(2048),
  PUBLIC_URL: z.url().optional(),
  DEMO: booleanFlag,
  DEMO_PASSWORD: z.string().min(10).default('nghisu-demo'),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? false : /^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v)),
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SESSION_INACTIVITY_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** An address is slowed once it failed for this many different usernames within the window. */
  LOGIN_ADDRESS_USERNAMES: z.coerce.number().int().min(2).max(10000).default(30),
  /** e.g. smtp://user:pass@mail.example.vn:587 — when unset, no e-mail is sent (in-app only). */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_FROM: z.string().min(3).default('Nghị sự <no-reply@localhost>'),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** DOCX/PDF exports of a notice one person may ask for per minute. */
  EXPORTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Remind the lead unit this many working days before a task's deadline (then on the day, and escalate once overdue). */
  TASK_REMINDER_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** Working days before a reporting deadline (month, six months, year) the Office is reminded. */
  REPORT_REMINDER_DAYS: z.coerce.number().int().min(1).max(30).default(3),
})

export type Config = z.infer<typeof configSchema>

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message} (giá trị: ${JSON.stringify(env[String(i.path[0])])})`)
    throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: Config | undefined
/** The process's configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env)
  return cached
}
