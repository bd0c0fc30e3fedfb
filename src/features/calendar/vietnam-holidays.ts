import { addDays, toIsoDate, weekday, type IsoDate } from "../../time/calendar-date.ts";
import { lunarNewYear, lunarToSolar } from "./lunar-calendar.ts";

export interface CalendarDay {
  day: IsoDate;
  kind: "holiday" | "workday";
  name: string;
}

const isWeekend = (d: IsoDate) => weekday(d) === 0 || weekday(d) === 6;

/**
 * Default public holidays of one year under the 2019 Labour Code (art. 112) and its rule that a holiday on a
 * weekend is compensated on the next working day. Names are data (shown as stored), in Vietnamese like the
 * official calendar. The government announces the exact Tết block, the day next to 2/9 and any swapped
 * working days each year; coordinators apply those with `holidays add|workday|remove`.
 */
export function defaultHolidays(year: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  const add = (day: IsoDate, name: string) => days.push({ day, kind: "holiday", name });

  add(toIsoDate(year, 1, 1), "Tết Dương lịch");
  // Five days: the last day of the lunar year and the first four days of the new one.
  const tet = lunarNewYear(year);
  add(addDays(tet, -1), "Tết Nguyên đán (ngày cuối năm âm lịch)");
  for (let i = 0; i < 4; i++) add(addDays(tet, i), `Tết Nguyên đán (mùng ${i + 1})`);
  add(lunarToSolar(year, 3, 10)!, "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
  add(toIsoDate(year, 4, 30), "Ngày Chiến thắng 30/4");
  add(toIsoDate(year, 5, 1), "Ngày Quốc tế Lao động 1/5");
  const national = toIsoDate(year, 9, 2);
  add(national, "Quốc khánh 2/9");
  // The adjacent day is announced yearly; by default the one that joins the holiday to a weekend.
  const wd = weekday(national);
  add(wd === 0 || wd === 1 || wd === 4 ? toIsoDate(year, 9, 3) : toIsoDate(year, 9, 1), "Quốc khánh (ngày liền kề)");

  days.sort((a, b) => a.day.localeCompare(b.day));
  const taken = new Set(days.map((d) => d.day));
  const compensations: CalendarDay[] = [];
  for (const h of days) {
    if (!isWeekend(h.day)) continue;
    let d = addDays(h.day, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    compensations.push({ day: d, kind: "holiday", name: `Nghỉ bù ${h.name}` });
  }
  return [...days, ...compensations].sort((a, b) => a.day.localeCompare(b.day));
}
