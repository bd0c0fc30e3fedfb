import type { Benchmark } from "./bench-types.ts";
import { processMemoryBenchmark } from "./process-memory.bench.ts";

/** Every benchmark; each feature adds its own here. */
export const benchmarks: Benchmark[] = [processMemoryBenchmark];
