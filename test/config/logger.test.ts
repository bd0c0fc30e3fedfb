import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/config/logger.ts";

const token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc-def";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger("info", token, stream) };
}

describe("logger", () => {
  it("never writes the bot token, whichever way it reaches a log call", () => {
    const { lines, logger } = capture();
    const fetchError = new Error(`request to https://api.telegram.org/bot${token}/getUpdates failed`);
    // The shape of grammY's HttpError: the underlying fetch error is kept as a property.
    const httpError = Object.assign(new Error("Network request for 'getUpdates' failed!"), { error: fetchError });
    logger.error({ err: httpError }, "polling failed");
    logger.error({ err: new Error("wrapped", { cause: fetchError }) }, "with cause");
    logger.error(fetchError);
    logger.error({ err: new AggregateError([fetchError], "several") }, "aggregate");
    logger.info({ config: { BOT_TOKEN: token } }, "config");
    logger.child({ api: { token } }).info("child bindings");
    logger.info(`message ${token}`);

    expect(lines).toHaveLength(7);
    for (const line of lines) {
      expect(line).not.toContain(token);
      expect(line).toContain("[redacted]");
    }
  });

  it("leaves lines without the token untouched", () => {
    const { lines, logger } = capture();
    logger.info({ chat: 42 }, "hello");
    expect(JSON.parse(lines[0]!)).toMatchObject({ chat: 42, msg: "hello" });
  });
});
