/** The same server URL with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The server's maintenance database, from which databases are created and dropped. */
export function adminUrl(url: string): string {
  return withDatabaseName(url, "postgres");
}
