import type { Benchmark } from "./bench-types.ts";

/** Every benchmark; each feature adds its own here. */
export const benchmarks: Benchmark[] = [];
