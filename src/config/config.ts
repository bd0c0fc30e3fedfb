import { z } from "zod";

const localeSchema = z.enum(["vi", "en"]);

const idList = z
  .string()
  .default("")
  .transform((s, ctx) => {
    const parts = s.split(",").map((p) => p.trim()).filter(Boolean);
    const ids: number[] = [];
    for (const p of parts) {
      if (!/^\d{1,16}$/.test(p)) {
        ctx.addIssue({ code: "custom", message: `expected comma-separated numeric Telegram user ids, got "${p}"` });
        return z.NEVER;
      }
      ids.push(Number(p));
    }
    return ids;
  });

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "expected an IANA time zone such as Asia/Ho_Chi_Minh");

const envSchema = z.object({
  BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "expected a bot token from @BotFather, like 123456:ABC-DEF..."),
  TELEGRAM_API_ROOT: z.url("expected a URL such as https://api.telegram.org").default("https://api.telegram.org"),
  // Optional: the bot's @username, for deep links printed by the CLI without asking Telegram.
  BOT_USERNAME: z.string().regex(/^@?[A-Za-z0-9_]{5,32}$/, "expected the bot's Telegram username, e.g. baocao_cntt_bot").optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default("./data"),
  // Without DATABASE_URL: the database in DATA_DIR. Unset: postgres (a server the bot starts), or pglite where
  // DATA_DIR already holds a PGlite database (src/db/embedded-choice.ts).
  EMBEDDED_DATABASE: z.enum(["postgres", "pglite"]).optional(),
  // When the bot runs as root (PostgreSQL refuses root): the system user the embedded server runs as.
  EMBEDDED_POSTGRES_USER: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, "expected a system user name, e.g. postgres").default("postgres"),
  ADMIN_TELEGRAM_IDS: idList,
  DEFAULT_LOCALE: localeSchema.default("vi"),
  REPORT_TIMEZONE: timezone.default("Asia/Ho_Chi_Minh"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
  // 0 picks a free port (tests).
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  WEBHOOK_URL: z.url("expected the public https URL of the webhook").optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "expected 1-256 characters of A-Z, a-z, 0-9, _ and -")
    .optional(),
  // The bot's public https address (compose's Caddy); the console is at PUBLIC_URL/console/ unless CONSOLE_URL says otherwise.
  PUBLIC_URL: z.url("expected the public https URL of the bot, e.g. https://bot.example.gov.vn").optional(),
  CONSOLE_URL: z.url("expected the https URL of the console, e.g. https://bot.example.gov.vn/console/").optional(),
  QUIET_HOURS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "expected HH:MM-HH:MM, e.g. 20:00-07:30")
    .default("20:00-07:30"),
  OUTBOX_GLOBAL_PER_SECOND: z.coerce.number().positive().default(30),
  OUTBOX_PER_CHAT_PER_SECOND: z.coerce.number().positive().default(1),
  OUTBOX_GROUP_PER_MINUTE: z.coerce.number().positive().default(20),
  // A row claimed by an instance that died is sent again after this long.
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  // Optional local language model for questions the parser cannot read: an OpenAI-compatible base URL
  // (…/v1, whose /chat/completions is called). Unset: questions are read by the parser alone.
  LLM_BASE_URL: z.url("expected the base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1").optional(),
  LLM_MODEL: z.string().min(1).max(200).default("local"),
  LLM_API_KEY: z.string().min(1).max(500).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Validates the environment once. The error names the variable and what is expected, never the value. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) {
    const c = parsed.data;
    if (c.BOT_MODE === "webhook" && !c.WEBHOOK_SECRET)
      throw new ConfigError("Invalid configuration: WEBHOOK_SECRET: required when BOT_MODE=webhook");
    return c;
  }
  const first = parsed.error.issues[0]!;
  const name = String(first.path[0] ?? "environment");
  const message = first.code === "invalid_type" && cleaned[name] === undefined ? "is required" : first.message;
  throw new ConfigError(`Invalid configuration: ${name}: ${message}`);
}
