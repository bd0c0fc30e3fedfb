// What the page gets from Telegram: the signed init data and the theme. Inside Telegram the Mini App script
// (telegram-web-app.js) provides window.Telegram.WebApp; in a plain browser (the demo's link, the tests) both
// come from the URL fragment, which is where Telegram puts them too (#tgWebAppData=…&tgWebAppThemeParams=…).

interface WebApp {
  initData?: string;
  themeParams?: Record<string, string>;
  colorScheme?: "light" | "dark";
  ready?: () => void;
  expand?: () => void;
}

declare global {
  interface Window {
    Telegram?: { WebApp?: WebApp };
  }
}

const webApp = (): WebApp | undefined => window.Telegram?.WebApp;

function fragmentParams(): URLSearchParams {
  return new URLSearchParams(window.location.hash.replace(/^#/, ""));
}

/** The raw init data (a query string signed by Telegram), or "" when the page was not opened from Telegram. */
export function readInitData(): string {
  return webApp()?.initData || fragmentParams().get("tgWebAppData") || "";
}

/** Telegram's theme colours as --tg-theme-* variables; app.css falls back to its own colours without them. */
export function applyTheme(): void {
  let params = webApp()?.themeParams;
  if (!params || Object.keys(params).length === 0) {
    try {
      params = JSON.parse(fragmentParams().get("tgWebAppThemeParams") ?? "{}") as Record<string, string>;
    } catch {
      params = {};
    }
  }
  const style = document.documentElement.style;
  for (const [name, value] of Object.entries(params)) {
    if (/^#[0-9a-f]{3,8}$/i.test(value)) style.setProperty(`--tg-theme-${name.replace(/_/g, "-")}`, value);
  }
  webApp()?.ready?.();
  webApp()?.expand?.();
}

/** Drops the signed data from the address bar once used, so it is neither bookmarked nor shared. */
export function forgetLaunchFragment(): void {
  history.replaceState(null, "", `${window.location.pathname}${window.location.search}#/`);
}
