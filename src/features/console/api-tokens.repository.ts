import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { apiTokens, type ApiToken } from "./api-tokens.table.ts";

/** Tokens look like `itbot_<43 characters>`: the prefix lets secret scanners and people recognise one. */
export const TOKEN_PREFIX = "itbot_";
export const API_TOKEN_NAME_MAX = 80;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a token (audited); the token itself is returned once and never stored. */
export async function issueApiToken(
  db: Db,
  input: { name: string; agencyId: number | null; actorPersonId: number | null; actorLabel?: string; now: Date },
): Promise<{ token: string; row: ApiToken }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .insert(apiTokens)
      .values({ name: input.name.slice(0, API_TOKEN_NAME_MAX), tokenHash: hashApiToken(token), agencyId: input.agencyId, createdBy: input.actorPersonId, createdAt: input.now })
      .returning();
    await recordAudit(tx, {
      actorPersonId: input.actorPersonId,
      actorLabel: input.actorLabel ?? null,
      action: "api-token.issue",
      target: `api-token:${row!.id}`,
      after: { name: row!.name, agencyId: row!.agencyId },
      at: input.now,
    });
    return { token, row: row! };
  });
}

/** Revokes a token (audited); false when there is no such token or it was already revoked. */
export async function revokeApiToken(db: Db, input: { id: number; actorPersonId: number | null; now: Date }): Promise<boolean> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx.update(apiTokens).set({ revokedAt: input.now }).where(and(eq(apiTokens.id, input.id), isNull(apiTokens.revokedAt))).returning();
    if (!row) return false;
    await recordAudit(tx, { actorPersonId: input.actorPersonId, action: "api-token.revoke", target: `api-token:${row.id}`, before: { revokedAt: null }, after: { revokedAt: input.now }, at: input.now });
    return true;
  });
}

export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** The live token a request presents, or undefined (unknown or revoked). */
export async function findLiveApiToken(db: Db, token: string): Promise<ApiToken | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  return row;
}

/**
 * Records one use: the audit says which system read what and when (read access by other systems is what an
 * auditor asks about), and the token's last use is kept for the list of tokens.
 */
export async function recordApiTokenUse(db: Db, token: ApiToken, what: string, now: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
  await recordAudit(db, { actorPersonId: null, actorLabel: `api-token:${token.id}`, action: "api-token.use", target: `api-token:${token.id}`, after: { request: what.slice(0, 200) }, at: now });
}
