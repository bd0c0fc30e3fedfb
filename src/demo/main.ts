// The offline demo: the production bot over an in-memory PGlite and an in-process fake Bot API,
// driven from the terminal (or a piped script) as any demo persona. See the README, section "Offline demo".
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import pino from "pino";
import { ConfigError } from "../config/config.ts";
import { createLogger } from "../config/logger.ts";
import { DEMO_TOKEN, demoConfig, startDemo } from "./demo-session.ts";

let config;
try {
  config = demoConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}

// Logs go to stderr so that stdout stays a readable transcript.
const logger = createLogger(config.LOG_LEVEL, DEMO_TOKEN, pino.destination({ fd: 2, sync: true }));
const write = (text: string) => void process.stdout.write(text);
const interactive = Boolean(process.stdin.isTTY);

const session = await startDemo({ config, logger, write, outDir: resolve(process.env.DEMO_OUT_DIR ?? "demo-out") });
write(`${session.t("demo-banner")}\n`);
write(`${session.t("demo-acting-as", { key: session.persona.key, persona: session.describePersona(session.persona) })}\n`);
write(`${session.formatNow()}\n\n`);
await session.runBackgroundWork(session.clock.now());

const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
rl.on("SIGINT", () => rl.close());
process.once("SIGTERM", () => rl.close());

if (interactive) {
  rl.setPrompt(session.prompt());
  rl.prompt();
}
for await (const line of rl) {
  // A piped script is echoed after the prompt, so the transcript reads like a chat.
  // Comments and blank lines are copied as they are, to keep the script's sections apart.
  if (!interactive) write(line.trim() === "" || line.trim().startsWith("#") ? `${line}\n` : `${session.prompt()}${line}\n`);
  let outcome: "quit" | undefined;
  try {
    outcome = await session.handleLine(line);
  } catch (err) {
    logger.error({ err }, "console line failed");
  }
  if (outcome === "quit") break;
  if (interactive) {
    rl.setPrompt(session.prompt());
    rl.prompt();
  }
}
rl.close();

await session.close();
write(`${session.t("demo-bye")}\n`);
// Let stdout drain (a pipe may be asynchronous), then end even if a library left a timer behind.
process.stdout.write("", () => process.exit(0));
