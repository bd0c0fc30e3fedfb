import type { Db } from "../../db/client.ts";

/**
 * Values kept in this process per database (tests open many at once) and key, each with the fingerprint of
 * the reports it was computed from; the least recently used go first once `size` are kept.
 */
export class FingerprintCache<K, V> {
  private readonly byDb = new WeakMap<Db, Map<K, { fingerprint: string | undefined; value: V }>>();

  constructor(private readonly size: number) {}

  /** The value kept for `key` if it was computed under this very fingerprint. */
  get(db: Db, key: K, fingerprint: string | undefined): V | undefined {
    const entry = this.entries(db).get(key);
    if (fingerprint === undefined || entry?.fingerprint !== fingerprint) return undefined;
    this.set(db, key, fingerprint, entry.value);
    return entry.value;
  }

  /** The value kept for `key`, whatever it was computed under (to bring it up to date rather than start over). */
  last(db: Db, key: K): V | undefined {
    return this.entries(db).get(key)?.value;
  }

  set(db: Db, key: K, fingerprint: string | undefined, value: V): void {
    const entries = this.entries(db);
    entries.delete(key);
    entries.set(key, { fingerprint, value });
    while (entries.size > this.size) entries.delete(entries.keys().next().value!);
  }

  private entries(db: Db): Map<K, { fingerprint: string | undefined; value: V }> {
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    return entries;
  }
}
