import { z } from 'zod';

/** The sandbox's settings from the environment. */
export interface SandboxEnv {
  /** SANDBOX_PORT, default 3979 (the standalone sandbox's port). */
  port: number;
  /** SANDBOX_TENANT: a fixture file; undefined = the built-in sample tenant. */
  tenantPath?: string;
  /** SANDBOX_LATENCY_MS, default 0. */
  latencyMs: number;
  /** SANDBOX_URL: a standalone sandbox to use instead of an in-process one. */
  url?: string;
  /** SANDBOX_PAGE_SIZE, default 50: items per page of an ARM list. */
  pageSize: number;
  /** SANDBOX_THROTTLE (`on` | `off`, default on): ARM read throttling. */
  throttle: boolean;
}

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d+$/, { message: `${name} must be a whole number from ${min} to ${max}` })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { message: `${name} must be a whole number from ${min} to ${max}` })
      .optional()
      .transform((n) => n ?? fallback),
  );

const envSchema = z.object({
  SANDBOX_PORT: wholeNumber('SANDBOX_PORT', 0, 65535, 3979),
  SANDBOX_LATENCY_MS: wholeNumber('SANDBOX_LATENCY_MS', 0, 60000, 0),
  SANDBOX_PAGE_SIZE: wholeNumber('SANDBOX_PAGE_SIZE', 1, 1000, 50),
  SANDBOX_THROTTLE: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['on', 'off'], { message: 'SANDBOX_THROTTLE must be on or off' }).optional(),
  ),
  SANDBOX_TENANT: z.preprocess(blankToUndefined, z.string().optional()),
  SANDBOX_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/i, { message: 'SANDBOX_URL must be an http:// or https:// URL such as http://localhost:3979' })
      .optional(),
  ),
});

/**
 * Reads SANDBOX_PORT, SANDBOX_TENANT, SANDBOX_LATENCY_MS, SANDBOX_URL, SANDBOX_PAGE_SIZE and SANDBOX_THROTTLE.
 * Throws an Error naming the variable and what it accepts.
 */
export function readSandboxEnv(env: NodeJS.ProcessEnv): SandboxEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message} (got "${env[String(i.path[0])] ?? ''}")`);
    throw new Error(`Invalid sandbox setting. ${problems.join('; ')}`);
  }
  const { SANDBOX_PORT, SANDBOX_LATENCY_MS, SANDBOX_TENANT, SANDBOX_URL, SANDBOX_PAGE_SIZE, SANDBOX_THROTTLE } = parsed.data;
  return {
    port: SANDBOX_PORT,
    latencyMs: SANDBOX_LATENCY_MS,
    pageSize: SANDBOX_PAGE_SIZE,
    throttle: SANDBOX_THROTTLE !== 'off',
    ...(SANDBOX_TENANT ? { tenantPath: SANDBOX_TENANT } : {}),
    ...(SANDBOX_URL ? { url: SANDBOX_URL.replace(/\/+$/, '') } : {}),
  };
}
