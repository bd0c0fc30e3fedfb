import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { parse } from "yaml";

/**
 * Docker is not available where the tests run, so the Dockerfile and docker-compose.yml are checked by reading
 * them: what an operator relies on (pinned images, health check, log limits, credentials) must stay there.
 */
interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  logging?: { driver?: string; options?: Record<string, string> };
}
const compose = parse(readFileSync("docker-compose.yml", "utf8"), { merge: true }) as { services: Record<string, Service> };
const dockerfile = readFileSync("Dockerfile", "utf8");

describe("docker-compose.yml", () => {
  const services = Object.entries(compose.services);

  it("pins every image to an exact release", () => {
    for (const [name, s] of services) if (s.image) expect(s.image, name).toMatch(/^[a-z0-9/-]+:\d+\.\d+(\.\d+)?(-[a-z]+)?$/);
  });

  it("limits every service's logs (json-file, rotated)", () => {
    for (const [name, s] of services) {
      expect(s.logging?.driver, name).toBe("json-file");
      expect(s.logging?.options?.["max-size"], name).toMatch(/^\d+m$/);
      expect(Number(s.logging?.options?.["max-file"]), name).toBeGreaterThan(0);
    }
  });

  it("never puts the database password into a URL; the bots get it as PGPASSWORD, which postgres.js uses as it is", () => {
    const bots = services.filter(([, s]) => s.build);
    expect(bots.length).toBe(2);
    for (const [name, s] of bots) {
      const url = s.environment?.DATABASE_URL ?? "";
      expect(url, name).not.toContain("PASSWORD");
      expect(new URL(url).password, name).toBe("");
      expect(s.environment?.PGPASSWORD, name).toContain("POSTGRES_PASSWORD");
      // What postgres.js makes of that URL with a password full of URL syntax in the environment.
      const password = "p@ss:w/rd?#%&=";
      const saved = process.env.PGPASSWORD;
      process.env.PGPASSWORD = password;
      try {
        const sql = postgres(url);
        expect(sql.options.pass).toBe(password);
        expect(sql.options.user).toBe("itbot");
        expect(sql.options.host).toEqual(["db"]);
      } finally {
        if (saved === undefined) delete process.env.PGPASSWORD;
        else process.env.PGPASSWORD = saved;
      }
    }
  });

  it("has a backup service running deploy/backup.sh with the server's own pg_dump", () => {
    const backup = compose.services.backup!;
    expect(backup.image).toBe(compose.services.db!.image);
    expect(JSON.stringify(backup)).toContain("/deploy/backup.sh");
    expect(backup.environment?.PGPASSWORD).toContain("POSTGRES_PASSWORD");
  });
});

describe("Dockerfile", () => {
  it("builds on one pinned Node 24 image, the same release CI tests", () => {
    const image = /^ARG NODE_IMAGE=node:(\d+\.\d+\.\d+)-bookworm-slim$/m.exec(dockerfile)?.[1];
    expect(image).toMatch(/^24\./);
    expect(dockerfile.match(/^FROM (\S+)/gm)).toEqual(["FROM ${NODE_IMAGE}", "FROM ${NODE_IMAGE}", "FROM ${NODE_IMAGE}"]);
    expect(readFileSync(".ci/run", "utf8")).toContain(`NODE24_VERSION=${image}`);
  });

  it("runs the compiled build with plain node in a final stage without dev dependencies, with a health check on /readyz", () => {
    const final = dockerfile.slice(dockerfile.lastIndexOf("FROM "));
    expect(final).toContain("COPY --from=deps /app/node_modules");
    expect(dockerfile).toContain("npm ci --omit=dev");
    expect(final).toMatch(/^CMD \["node", "--enable-source-maps", "dist\/main\.js"\]$/m);
    expect(final).not.toMatch(/tsx|src\/|typescript/);
    expect(final).toMatch(/^HEALTHCHECK .*\n?.*\/readyz/m);
  });
});
