import { Api, GrammyError } from "grammy";

/**
 * A bare Bot API client for asking Telegram whether it answers (getMe at start): no auto-retry and no
 * transformers, so each attempt is one request under the caller's time limit.
 */
export function createProbeApi(token: string, apiRoot?: string): Api {
  return new Api(token, apiRoot ? { apiRoot } : {});
}

/** Telegram refused the token itself (401 Unauthorized, or 404 for a token it does not know): retrying cannot help. */
export function isTokenRefused(err: unknown): boolean {
  return err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404);
}
