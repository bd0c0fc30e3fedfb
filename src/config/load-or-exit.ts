import { ConfigError, loadConfig, type Config } from "./config.ts";

/** For entry points: a bad environment prints one line naming the variable and stops the process. */
export function loadConfigOrExit(env: Record<string, string | undefined>, requireToken = true): Config {
  try {
    return loadConfig(requireToken ? env : { BOT_TOKEN: "0:offline-no-telegram-token-needed-here", ...env });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
