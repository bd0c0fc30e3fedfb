import { html } from "htm/preact";
import { ApiError } from "../api.ts";
import { t } from "../strings.ts";

/** Loading and error states of a view; errors are announced (role="alert"). */
export function LoadState({ loading, error }: { loading: boolean; error: Error | undefined }) {
  if (error) return html`<p class="error" role="alert">${errorText(error)}</p>`;
  if (loading) return html`<p class="muted" aria-busy="true">${t("loading")}</p>`;
  return null;
}

/** The server's message when it sent one (already in the person's language), else a generic one by status. */
export function errorText(error: Error): string {
  if (error instanceof ApiError) {
    if (error.status === 404 && !error.body.error) return t("error-not-found");
    if (error.status === 403 && !error.body.error) return t("error-forbidden");
    if (typeof error.body.error === "string") return error.body.error;
    return t("error-generic");
  }
  return t("error-network");
}

export const STATUSES = ["on-time", "late", "missing", "returned", "draft"] as const;

export function StatusBadge({ status }: { status: string }) {
  return html`<span class=${`badge status-${status}`}>${t(`status-${status}`)}</span>`;
}
