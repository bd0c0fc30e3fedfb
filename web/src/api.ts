// The console's JSON API (/console/api/…): the session cookie goes with every request; every change also
// carries the CSRF value given at sign-in.

export interface User {
  name: string;
  locale: "vi" | "en";
  roles: string[];
  scope: "province" | "agency-tree" | "agency";
  agencies: { id: number; name: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

// Kept for the tab's life, so a reload (which resumes the session from its cookie) can still make changes.
let csrf = sessionStorage.getItem("itbot-console-csrf") ?? "";
let onSignedOut: () => void = () => undefined;

export function useCsrf(value: string): void {
  csrf = value;
  sessionStorage.setItem("itbot-console-csrf", value);
}

/** Called when the session has ended (401 after sign-in): the app shows the sign-in message again. */
export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

export async function request<T>(path: string, opts: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-console-csrf"] = csrf;
  const response = await fetch(`/console/api/${path}`, {
    method,
    headers,
    credentials: "same-origin",
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    if (response.status === 401 && path !== "session") onSignedOut();
    throw new ApiError(response.status, typeof body.error === "string" ? body.error : `HTTP ${response.status}`, body);
  }
  return body as T;
}

export const get = <T>(path: string): Promise<T> => request<T>(path);
export const post = <T>(path: string, body: unknown = {}): Promise<T> => request<T>(path, { method: "POST", body });
export const put = <T>(path: string, body: unknown): Promise<T> => request<T>(path, { method: "PUT", body });

/** A query string from the defined values only. */
export function query(values: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
