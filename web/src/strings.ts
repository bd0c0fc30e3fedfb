// The console's words come from the server (locales/<lang>/console-web.ftl through GET /console/api/strings);
// placeholders are written %name in those texts and filled here. Numbers and dates use Vietnamese formats.

let strings: Record<string, string> = {};
let language = "vi";

export function setStrings(locale: string, all: Record<string, string>): void {
  language = locale;
  strings = all;
  document.documentElement.lang = locale;
}

export const currentLanguage = (): string => language;

/** The text of console-web-<key>, with %name placeholders filled from args. */
export function t(key: string, args: Record<string, string | number> = {}): string {
  const text = strings[`console-web-${key}`] ?? key;
  return text.replace(/%([a-zA-Z]+)/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

const numberFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
const dateTimeFormat = new Intl.DateTimeFormat("vi-VN", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Asia/Ho_Chi_Minh",
});
const dateFormat = new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });

export const formatNumber = (n: number): string => numberFormat.format(n);
export const formatPercent = (part: number, whole: number): string =>
  whole > 0 ? `${numberFormat.format(Math.round((part / whole) * 1000) / 10)} %` : "–";
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso));
