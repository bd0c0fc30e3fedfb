// `npm run bench`: runs every benchmark and prints one table. `npm run bench -- NAME` runs those whose name contains NAME.
import type { Benchmark, BenchRow } from "./bench-types.ts";
import { benchmarks } from "./benchmarks.ts";

const filter = process.argv[2];
const selected: Benchmark[] = benchmarks.filter((b) => !filter || b.name.includes(filter));
const rows: BenchRow[] = [];
for (const b of selected) {
  process.stderr.write(`running ${b.name}...\n`);
  try {
    rows.push(...(await b.run()));
  } catch (err) {
    rows.push({ benchmark: b.name, figure: "error", value: err instanceof Error ? err.message : String(err) });
  }
}
const header = ["benchmark", "figure", "value", "target", "met", "note"] as const;
const table = [header.map(String), ...rows.map((r) => header.map((h) => r[h] ?? ""))];
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
process.stdout.write(`${line(table[0]!)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|\n`);
for (const r of table.slice(1)) process.stdout.write(`${line(r)}\n`);
process.exit(0);
