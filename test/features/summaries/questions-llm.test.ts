import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/config/logger.ts";
import type { Database } from "../../../src/db/client.ts";
import { createBotHarness, TEST_TOKEN, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "./summaries-fixture.ts";

type Mode = "good" | "nonsense" | "invalid-json" | "timeout" | "outside-scope" | "unknown-indicator";

/** A fake OpenAI-compatible endpoint on 127.0.0.1: answers /chat/completions as the test says. */
function fakeModel() {
  const state = { mode: "good" as Mode, requests: [] as Record<string, unknown>[] };
  const query = (over: Record<string, unknown>) => ({
    intent: "count-late", period: "2026-10", agencies: [], kind: null, indicator: null, order: null, count: null, format: null, ...over,
  });
  const answer = (res: ServerResponse, content: string) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: "x", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] }));
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      state.requests.push({ url: req.url, ...(JSON.parse(body) as Record<string, unknown>) });
      if (state.mode === "timeout") return; // never answers
      if (state.mode === "good") return answer(res, JSON.stringify(query({})));
      if (state.mode === "nonsense") return answer(res, JSON.stringify({ intent: "weather", period: "tomorrow", agencies: "all" }));
      if (state.mode === "invalid-json") return answer(res, "{ intent: count-late,");
      if (state.mode === "unknown-indicator") return answer(res, JSON.stringify(query({ intent: "value", indicator: "rainfall" })));
      return answer(res, JSON.stringify(query({ intent: "agency-status", agencies: ["T-TC"] })));
    });
  });
  return { server, state };
}

describe("the optional local language model", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  const model = fakeModel();
  const logs: string[] = [];
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const QUESTION = "mấy bên gửi chậm hồi tháng mười vậy";
  const ask = async (text: string, who: { id: number; first_name: string } = PEOPLE.provinceLeader) => {
    h.api.clear();
    await h.send(who, text);
    return h.api.textsTo(who.id).join("\n");
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => model.server.listen(0, "127.0.0.1", resolve));
    const port = (model.server.address() as AddressInfo).port;
    database = await createTestDatabase();
    const stream = new Writable({ write: (chunk, _enc, done) => void (logs.push(String(chunk)), done()) });
    h = await createBotHarness(database, {
      config: { LLM_BASE_URL: `http://127.0.0.1:${port}/v1`, LLM_MODEL: "test-model", LLM_TIMEOUT_MS: "1500" },
      logger: createLogger("info", TEST_TOKEN, stream),
    });
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    await addPerson(database.db, PEOPLE.districtLeader, [["leader", fx.ids.h1]]);
  });
  afterAll(async () => {
    model.server.closeAllConnections();
    await new Promise((resolve) => model.server.close(resolve));
    await database.close();
  });
  beforeEach(() => {
    model.state.requests.length = 0;
    model.state.mode = "good";
  });

  it("is not asked about a question the parser reads", async () => {
    expect(await ask("tháng 10 mấy đơn vị nộp trễ")).toContain("Sở Y tế");
    expect(model.state.requests).toHaveLength(0);
  });

  it("reads an unparsed question into the structured query, says it interpreted it, and answers", async () => {
    const out = await ask(QUESTION);
    expect(out).toBe(
      [
        t("questions-interpreted", { query: "số đơn vị nộp trễ hạn; kỳ: tháng 10/2026" }),
        `${t("questions-count-late", { period: "tháng 10/2026", count: 1, required: 3 })} Sở Y tế.`,
      ].join("\n"),
    );
    const request = model.state.requests[0]!;
    expect(request.url).toBe("/v1/chat/completions");
    expect(request.model).toBe("test-model");
    expect((request.response_format as { type: string }).type).toBe("json_schema");
    const system = (request.messages as { role: string; content: string }[])[0]!.content;
    expect(system).toContain("T-TC = Sở Tài chính");
    expect(system).toContain("online_share = Tỷ lệ hồ sơ trực tuyến (%)");
    expect(system).toContain("2026-10");
    // The question goes to the model (it runs inside the province) but never into the logs.
    expect(logs.join("")).not.toContain(QUESTION);
  });

  it.each<[Mode]>([["nonsense"], ["invalid-json"], ["timeout"], ["unknown-indicator"]])("falls back to 'not understood' when the model answers %s", async (mode) => {
    model.state.mode = mode;
    const out = await ask(QUESTION);
    expect(out).toBe(t("questions-not-understood", { words: QUESTION }));
    expect(model.state.requests).toHaveLength(1);
    expect(logs.join("")).not.toContain(QUESTION);
    expect(logs.join("")).toContain('"reason":"' + (mode === "timeout" ? "timeout" : mode === "invalid-json" ? "not-json" : "invalid") + '"');
  });

  it("runs the model's query under the asker's scope: an agency outside it is refused", async () => {
    model.state.mode = "outside-scope";
    const out = await ask(QUESTION, PEOPLE.districtLeader);
    expect(out).toContain(t("questions-out-of-scope", { names: "Sở Tài chính" }));
    expect(out).not.toContain("Cán bộ");
    // The scoped leader's agencies only were offered to the model.
    const system = (model.state.requests[0]!.messages as { content: string }[])[0]!.content;
    expect(system).not.toContain("Sở Tài chính");
    expect(system).toContain("UBND huyện Xuân Lộc");
  });
});
