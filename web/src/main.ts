// The console's front end (Telegram Mini App): sign in with Telegram's init data, then one page per hash route.
import { html } from "htm/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError, get, post, useCsrf, whenSignedOut, type User } from "./api.ts";
import { Shell } from "./components/shell.ts";
import { errorText } from "./components/status.ts";
import { applyTheme, forgetLaunchFragment, readInitData } from "./telegram.ts";
import { setStrings, t } from "./strings.ts";

type State =
  | { kind: "starting" }
  | { kind: "signed-in"; user: User }
  | { kind: "refused"; message: string };

async function loadStrings(lang?: string): Promise<void> {
  const answer = await get<{ locale: string; strings: Record<string, string> }>(`strings${lang ? `?lang=${lang}` : ""}`);
  setStrings(answer.locale, answer.strings);
}

/** Signs in with the launch data, or resumes the session the cookie still holds (after a reload). */
async function signIn(): Promise<State> {
  const initData = readInitData();
  const hinted = new URLSearchParams(window.location.search).get("lang");
  if (!initData) {
    try {
      const user = await get<User>("me");
      await loadStrings();
      return { kind: "signed-in", user: unwrapUser(user) };
    } catch {
      await loadStrings(hinted ?? undefined).catch(() => undefined);
      return { kind: "refused", message: t("signin-no-data") };
    }
  }
  try {
    // The words are fetched while the sign-in is checked, in the language Telegram reports; only a person whose
    // chosen language differs waits for a second fetch.
    const guess = languageOf(initData);
    const words = get<{ locale: string; strings: Record<string, string> }>(`strings?lang=${guess}`).catch(() => undefined);
    const session = await post<{ user: User; csrf: string }>("session", { initData });
    useCsrf(session.csrf);
    forgetLaunchFragment();
    const fetched = await words;
    if (fetched && fetched.locale === session.user.locale) setStrings(fetched.locale, fetched.strings);
    else await loadStrings(session.user.locale);
    return { kind: "signed-in", user: session.user };
  } catch (err) {
    await loadStrings(languageOf(initData)).catch(() => undefined);
    if (err instanceof ApiError && err.status === 401) return { kind: "refused", message: t("signin-refused") };
    return { kind: "refused", message: err instanceof Error ? errorText(err) : t("error-generic") };
  }
}

/** GET /me answers the user itself or { user }; both are accepted. */
function unwrapUser(answer: User | { user: User; csrf?: string }): User {
  if ("user" in answer) {
    if (answer.csrf) useCsrf(answer.csrf);
    return answer.user;
  }
  return answer;
}

/** The language Telegram reports for the person, for the refusal message before any session exists. */
function languageOf(initData: string): string {
  try {
    const user = JSON.parse(new URLSearchParams(initData).get("user") ?? "{}") as { language_code?: string };
    return user.language_code === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

function App() {
  const [state, setState] = useState<State>({ kind: "starting" });
  useEffect(() => {
    whenSignedOut(() => setState({ kind: "refused", message: t("signin-expired") }));
    void signIn().then(setState);
  }, []);
  if (state.kind === "starting") return html`<main class="center" aria-busy="true"><p>…</p></main>`;
  if (state.kind === "refused")
    return html`<main class="center" id="main">
      <h1>${t("app-title")}</h1>
      <p class="error" role="alert" data-testid="signin-error">${state.message}</p>
      <p class="muted">${t("signin-how")}</p>
    </main>`;
  return html`<${Shell} user=${state.user} />`;
}

applyTheme();
render(html`<${App} />`, document.getElementById("app")!);
