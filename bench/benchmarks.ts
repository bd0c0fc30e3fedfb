import type { Benchmark } from "./bench-types.ts";
import { demoStartBenchmark } from "./demo-start.bench.ts";
import { consoleApiBenchmark } from "./console-api.bench.ts";
import { consoleBrowserBenchmark } from "./console-browser.bench.ts";
import { outboxBenchmark } from "./outbox.bench.ts";
import { processMemoryBenchmark } from "./process-memory.bench.ts";
import { reminderPlanBenchmark } from "./reminder-plan.bench.ts";
import { reportFilingBenchmark } from "./report-filing.bench.ts";
import { summariesBenchmark } from "./summaries.bench.ts";

/** Every benchmark; each feature adds its own here. */
export const benchmarks: Benchmark[] = [processMemoryBenchmark, reminderPlanBenchmark, reportFilingBenchmark, summariesBenchmark, outboxBenchmark, demoStartBenchmark, consoleApiBenchmark, consoleBrowserBenchmark];
