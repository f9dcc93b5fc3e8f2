/** What the report benches share: a clock fixed on the bench's "today", and timing a piece of work. */
import { performance } from 'node:perf_hooks';
import { Clock } from '../src/common/clock.js';
import { percentile } from './bench-database.js';

/** "Now" is noon (UTC) on `today`, as the seeds date their data. */
export class FixedBenchClock extends Clock {
  constructor(private readonly today_: string) {
    super();
  }

  now(): Date {
    return new Date(`${this.today_}T12:00:00Z`);
  }
}

/**
 * Runs `work` once to warm up, then `runs` times; prints the median and the slowest beside what
 * `work` says of its answer (and `beside`, when given); answers the median.
 */
export async function timeWork(name: string, runs: number, work: () => Promise<string>, nameWidth = 48, beside?: string): Promise<number> {
  let size = '';
  await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    size = await work();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = percentile(ms, 50);
  const line = `${name.padEnd(nameWidth)} median ${median.toFixed(0).padStart(5)} ms   max ${ms.at(-1)!.toFixed(0).padStart(5)} ms   ${size}`;
  console.log(beside === undefined ? line : `${line.padEnd(nameWidth + 58)} ${beside}`);
  return median;
}

export const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;
