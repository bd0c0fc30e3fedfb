import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { createTranslate } from "../../../src/bot/i18n.ts";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { organisationCommand } from "../../../src/cli/commands/organisation.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { cachedOrganisation, loadOrganisation } from "../../../src/features/organisation/organisation.repository.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";

const ADMIN = { id: 7001, first_name: "Quản trị" };
const COORDINATOR = { id: 7002, first_name: "Điều phối" };
const STRANGER = { id: 7003, first_name: "Người lạ" };
const STRANGER_EN = { id: 7004, first_name: "Stranger", language_code: "en" };

describe("organisation: first-run set-up and edits by admins, audited, used by messages", () => {
  let database: Database;
  let h: BotHarness;
  const last = (id: number) => h.api.textsTo(id).at(-1) ?? "";

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database, { config: { ADMIN_TELEGRAM_IDS: String(ADMIN.id) } });
    const c = await upsertPerson(database.db, { telegramId: COORDINATOR.id, displayName: "Điều phối", locale: "vi" });
    await grantRole(database.db, c.id, "coordinator", null);
  });
  afterAll(() => database.close());

  it("before the set-up, messages use generic words and the admin's /start asks for the set-up", async () => {
    await h.send(STRANGER, "/start");
    expect(last(STRANGER.id)).toContain("liên hệ cơ quan điều phối để nhận mã mời");
    await h.send(ADMIN, "/start");
    expect(h.api.textsTo(ADMIN.id).some((t) => t.includes("chưa được thiết lập thông tin cơ quan") && t.includes("Cơ quan điều phối"))).toBe(true);
    await h.send(ADMIN, "/organisation");
    expect(last(ADMIN.id)).toContain("(chưa thiết lập)");
    expect(last(ADMIN.id)).toContain("/organisation province");
  });

  it("an admin sets the fields one by one; each change is audited with before and after", async () => {
    await h.send(ADMIN, "/organisation coordinator Sở Khoa học và Công nghệ | Department of Science and Technology");
    expect(last(ADMIN.id)).toContain("Đã lưu: Cơ quan điều phối");
    await h.send(ADMIN, "/organisation province Đồng Nai | Dong Nai");
    await h.send(ADMIN, "/organisation short Sở KH&CN | DOST");
    await h.send(ADMIN, "/organisation prefix BC-SKHCN");
    await h.send(ADMIN, "/organisation reports-to UBND tỉnh Đồng Nai | Dong Nai Provincial People's Committee");
    expect(last(ADMIN.id)).toContain("Đã thiết lập đầy đủ.");
    const audit = (await recentAudit(database.db, 10)).filter((a) => a.target === "organisation");
    expect(audit.map((a) => a.action).sort()).toEqual(["organisation.create", ...Array(4).fill("organisation.update")]);
    const prefixChange = audit.find((a) => (a.after as { numberPrefix?: string }).numberPrefix && !(a.before as { numberPrefix?: string } | null)?.numberPrefix);
    expect(prefixChange?.actorPersonId).not.toBeNull();
    expect((prefixChange?.before as { province?: { vi: string } }).province).toEqual({ vi: "Đồng Nai", en: "Dong Nai" });
    // The set-up reminder is gone.
    const before = h.api.textsTo(ADMIN.id).length;
    await h.send(ADMIN, "/start");
    expect(h.api.textsTo(ADMIN.id).slice(before).some((t) => t.includes("chưa được thiết lập"))).toBe(false);
  });

  it("every message takes the names from there, in the reader's language", async () => {
    await h.send(STRANGER, "/start");
    expect(last(STRANGER.id)).toContain("liên hệ Sở Khoa học và Công nghệ để nhận mã mời");
    await h.send(STRANGER_EN, "/start");
    expect(last(STRANGER_EN.id)).toContain("contact Department of Science and Technology for an invitation code");
    expect(h.deps.t("vi", "summaries-docx-number")).toContain("/BC-SKHCN");
    expect(h.deps.t("vi", "summaries-docx-governing-body")).toBe("UBND TỈNH ĐỒNG NAI");
    expect(h.deps.t("en", "summaries-docx-issuer")).toBe("DEPARTMENT OF SCIENCE AND TECHNOLOGY");
    expect(h.deps.t("vi", "summaries-docx-closing")).toBe("Sở Khoa học và Công nghệ kính báo cáo UBND tỉnh Đồng Nai xem xét, chỉ đạo./.");
  });

  it("refuses bad values and unknown fields, and changes nothing", async () => {
    const count = (await recentAudit(database.db, 50)).length;
    await h.send(ADMIN, "/organisation prefix BC SKHCN");
    expect(last(ADMIN.id)).toContain("Ký hiệu văn bản chỉ gồm");
    await h.send(ADMIN, "/organisation coordinater Sở X");
    expect(last(ADMIN.id)).toContain("Ý bạn là “coordinator”");
    await h.send(ADMIN, "/organisation province");
    expect(last(ADMIN.id)).toContain("Cần nhập tên");
    expect((await recentAudit(database.db, 50)).length).toBe(count);
  });

  it("coordinators see the settings but cannot change them; others cannot see them", async () => {
    await h.send(COORDINATOR, "/organisation");
    expect(last(COORDINATOR.id)).toContain("Sở Khoa học và Công nghệ | Department of Science and Technology");
    expect(last(COORDINATOR.id)).not.toContain("Sửa từng mục");
    await h.send(COORDINATOR, "/organisation prefix BC-X");
    expect(last(COORDINATOR.id)).toBe(h.deps.t("vi", "access-denied"));
    expect(cachedOrganisation(database.db)?.numberPrefix).toBe("BC-SKHCN");
  });

  it("the CLI shows and sets the same settings, audited as cli", async () => {
    const out: string[] = [];
    const ctx: CliContext = { database, config: testConfig(), clock: h.clock, t: createTranslate("vi"), out: (l) => out.push(l) };
    await organisationCommand.run(["--sender", "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐỒNG NAI", "--short-en", "DOST Dong Nai"], ctx);
    expect(out).toContain("short\tSở KH&CN | DOST Dong Nai");
    const org = await loadOrganisation(database.db, h.clock.now());
    expect(org?.senderLine).toEqual({ vi: "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐỒNG NAI" });
    const [entry] = await recentAudit(database.db, 1);
    expect(entry).toMatchObject({ action: "organisation.update", actorLabel: "cli", target: "organisation" });
    await expect(organisationCommand.run(["--prefx", "X"], ctx)).rejects.toMatchObject({ key: "cli-option-unknown", args: { name: "prefx", near: "prefix" } });
    await expect(organisationCommand.run(["--prefix", "a b"], ctx)).rejects.toMatchObject({ key: "org-bad-prefix" });
    expect(h.deps.t("vi", "summaries-docx-issuer")).toBe("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐỒNG NAI");
  });
});
