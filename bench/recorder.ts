import { summarise, type LatencySummary } from './stats';

export type TurnKind = 'message' | 'invoke';

/** Collects turn latencies by kind and by step, and failures by reason. */
export class Recorder {
  private readonly byKind: Record<TurnKind, number[]> = { message: [], invoke: [] };
  private readonly byStep = new Map<string, { kind: TurnKind; samples: number[] }>();
  readonly errors = new Map<string, number>();

  record(kind: TurnKind, step: string, ms: number): void {
    this.byKind[kind].push(ms);
    const entry = this.byStep.get(step) ?? { kind, samples: [] };
    entry.samples.push(ms);
    this.byStep.set(step, entry);
  }

  fail(reason: string): void {
    this.errors.set(reason, (this.errors.get(reason) ?? 0) + 1);
  }

  count(kind: TurnKind): number {
    return this.byKind[kind].length;
  }

  summary(): { message: LatencySummary; invoke: LatencySummary; steps: Record<string, LatencySummary & { kind: TurnKind }>; errors: Record<string, number> } {
    const steps: Record<string, LatencySummary & { kind: TurnKind }> = {};
    for (const [step, { kind, samples }] of this.byStep) steps[step] = { kind, ...summarise(samples) };
    return {
      message: summarise(this.byKind.message),
      invoke: summarise(this.byKind.invoke),
      steps,
      errors: Object.fromEntries(this.errors),
    };
  }
}

/** Runs `work` for each item with at most `concurrency` at once. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  });
  await Promise.all(workers);
}
