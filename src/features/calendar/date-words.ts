import { foldForSearch } from "../agencies/agency-tree.ts";
import { addDays, daysInMonth, parseIsoDate, parseVnDate, toIsoDate, weekday, type IsoDate } from "../../time/calendar-date.ts";

/**
 * A day a person names in words or numbers, relative to `today`: "dd/mm/yyyy", "dd/mm" (the next such day),
 * "hôm nay", "ngày mai", "(đến) hết tháng 12" / "cuối tháng 12" (the last day of the next December), "hết tháng
 * này", "hết tháng sau", "hết tuần này", "đầu tháng sau", "hết năm"; English forms too ("end of december",
 * "today", "tomorrow"). Undefined when it names no day.
 */
export function parseDateWords(input: string, today: IsoDate): IsoDate | undefined {
  const exact = parseVnDate(input);
  if (exact) return exact;
  const s = foldForSearch(input).replace(/^(den|toi|until|till|to)\s+/, "").replace(/[.!]$/, "");
  const { y, m } = parseIsoDate(today);
  const dm = /^(\d{1,2})[/.-](\d{1,2})$/.exec(s);
  if (dm) {
    const [d, mo] = [Number(dm[1]), Number(dm[2])];
    if (mo < 1 || mo > 12) return undefined;
    for (const year of [y, y + 1]) if (d >= 1 && d <= daysInMonth(year, mo) && toIsoDate(year, mo, d) >= today) return toIsoDate(year, mo, d);
    return undefined;
  }
  if (s === "hom nay" || s === "today") return today;
  if (s === "ngay mai" || s === "mai" || s === "tomorrow") return addDays(today, 1);
  const endOfMonth = (year: number, month: number) => toIsoDate(year, month, daysInMonth(year, month));
  const month = /^(?:het|cuoi|end of)\s+(?:thang\s+)?(\d{1,2}|nay|sau|this month|next month)$/.exec(s) ?? /^end of (this|next) month$/.exec(s);
  if (month) {
    const w = month[1]!;
    if (w === "nay" || w === "this month" || w === "this") return endOfMonth(y, m);
    if (w === "sau" || w === "next month" || w === "next") return m === 12 ? endOfMonth(y + 1, 1) : endOfMonth(y, m + 1);
    const mo = Number(w);
    if (mo < 1 || mo > 12) return undefined;
    return mo >= m ? endOfMonth(y, mo) : endOfMonth(y + 1, mo);
  }
  const named = /^(?:end of)\s+([a-z]+)$/.exec(s);
  if (named) {
    const mo = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"].indexOf(named[1]!) + 1;
    if (mo > 0) return mo >= m ? endOfMonth(y, mo) : endOfMonth(y + 1, mo);
  }
  if (s === "dau thang sau" || s === "start of next month") return m === 12 ? toIsoDate(y + 1, 1, 1) : toIsoDate(y, m + 1, 1);
  if (s === "het tuan nay" || s === "cuoi tuan nay" || s === "end of this week") return addDays(today, (7 - weekday(today)) % 7);
  if (s === "het nam" || s === "cuoi nam" || s === "het nam nay" || s === "end of the year" || s === "end of year") return toIsoDate(y, 12, 31);
  return undefined;
}
