/** One line of the benchmark table. */
export interface BenchRow {
  benchmark: string;
  figure: string;
  value: string;
  target?: string;
  /** "yes", "no", or "" when there is no target. */
  met?: string;
  note?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}
