import { z } from 'zod';

/**
 * A fault to inject (contracts/sandbox-tenant.md). Extension: `body`, when
 * given, is sent as the raw answer body (e.g. `"not json"` for a malformed
 * answer); a 2xx status without `body` answers normally after `delayMs`.
 */
export const faultSchema = z.object({
  match: z
    .string()
    .min(1)
    .refine(
      (source) => {
        try {
          new RegExp(source, 'i');
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be a valid regular expression over "<METHOD> <path>"' },
    ),
  status: z
    .number()
    .int()
    .refine((s) => s === 0 || (s >= 200 && s <= 599), { message: 'accepted: 0 (no answer, dropped connection) or an HTTP status 200-599' }),
  retryAfter: z.number().min(0).optional(),
  delayMs: z.number().int().min(0).max(600_000).default(0),
  count: z.number().int().min(1).default(1),
  body: z.string().optional(),
});

export type Fault = z.infer<typeof faultSchema>;

/** The pending faults, consumed in the order they were added. */
export interface FaultStore {
  add(fault: Fault): void;
  clear(): void;
  list(): Fault[];
  /** The first pending fault matching `"<METHOD> <path>"`, counted down by one. */
  take(signature: string): Fault | undefined;
}

/** An in-memory fault store. */
export function createFaultStore(): FaultStore {
  let faults: Fault[] = [];
  return {
    add: (fault) => void faults.push({ ...fault }),
    clear: () => void (faults = []),
    list: () => faults.map((f) => ({ ...f })),
    take(signature) {
      const fault = faults.find((f) => new RegExp(f.match, 'i').test(signature));
      if (!fault) return undefined;
      fault.count -= 1;
      if (fault.count <= 0) faults = faults.filter((f) => f !== fault);
      return { ...fault };
    },
  };
}
