import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR, SUPPORTED_LOCALES } from "../src/bot/i18n.ts";

/**
 * The organisation is data (/organisation, `npm run cli -- organisation`): no locale string may name a
 * particular department, committee or province. Generic words ("sở, ban, ngành", "cơ quan điều phối") are fine.
 */
const NAMES: RegExp[] = [
  /Thông tin và Truyền thông/iu,
  /Khoa học và Công nghệ/iu,
  /TT&TT|KH&CN|\bS?TTTT\b|\bSKHCN\b/u,
  /Information and Communications?/iu,
  /Science and Technology/iu,
  // "Sở Tài chính", "Sở Y tế": Sở followed by a capitalised name (a kind, "sở, ban, ngành", is lower case).
  /\bSở [A-ZĐÂĂÊÔƠƯ]/u,
  /Department of [A-Z]/u,
  /\b(UBND|Ủy ban nhân dân|Uỷ ban nhân dân) (tỉnh|thành phố|TP\.?|huyện|quận|thị xã) [A-ZĐ]/iu,
  /\b(UBND|Ủy ban nhân dân) tỉnh\b/iu,
  /Provincial People's Committee|People's Committee of/iu,
  // Provinces and cities (after 2025 and some before) and district-level names of the demo province.
  /\b(Đồng Nai|Dong Nai|Bình Phước|Biên Hòa|Long Khánh|Trấn Biên|Hà Nội|Hồ Chí Minh|Hải Phòng|Đà Nẵng|Cần Thơ|Huế|Quảng Ninh|Thanh Hóa|Nghệ An|Hà Tĩnh|Lạng Sơn|Cao Bằng|Lào Cai|Lai Châu|Điện Biên|Sơn La|Tuyên Quang|Thái Nguyên|Phú Thọ|Bắc Ninh|Hưng Yên|Ninh Bình|Quảng Trị|Quảng Ngãi|Gia Lai|Khánh Hòa|Lâm Đồng|Đắk Lắk|Tây Ninh|Vĩnh Long|Đồng Tháp|Cà Mau|An Giang|Bình Dương|Bà Rịa)\b/iu,
];

describe("locales name no particular department or province", () => {
  it("finds none of the names in any message of any language", () => {
    const hits: string[] = [];
    let lines = 0;
    for (const l of SUPPORTED_LOCALES) {
      const dir = join(LOCALES_DIR, l);
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
        readFileSync(join(dir, file), "utf8").split("\n").forEach((line, i) => {
          if (line.startsWith("#")) return;
          lines++;
          for (const re of NAMES) if (re.test(line)) hits.push(`${l}/${file}:${i + 1}: ${line.trim()}`);
        });
      }
    }
    expect(lines).toBeGreaterThan(100);
    expect(hits).toEqual([]);
  });

  it("the patterns do catch the names they are for", () => {
    const samples = ["liên hệ Sở Thông tin và Truyền thông", "Sở Tài chính", "UBND tỉnh Đồng Nai", "Department of Finance", "SO-TTTT", "phường Trấn Biên"];
    for (const s of samples) expect(NAMES.some((re) => re.test(s)), s).toBe(true);
    for (const s of ["sở, ban, ngành", "cơ quan điều phối", "Toàn tỉnh", "UBND cấp xã", "{ $orgCoordinator } đôn đốc"]) expect(NAMES.some((re) => re.test(s)), s).toBe(false);
  });
});
