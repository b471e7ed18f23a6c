import { readFileSync } from 'node:fs';
import type { TenantFixture } from './fixture-schema';
import { parseTenantFixture } from './parse-tenant-fixture';
import sampleTenant from './sample-tenant.json';

/**
 * Loads a tenant fixture from a JSON file, or the built-in sample tenant when
 * no path is given. Throws an Error naming the file and the offending field.
 */
export function loadTenantFixture(path?: string): TenantFixture {
  if (!path) return parseTenantFixture(structuredClone(sampleTenant), 'built-in sample tenant');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read sandbox tenant fixture file ${path}: ${(err as Error).message}. Set SANDBOX_TENANT to a readable JSON file.`, { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`Sandbox tenant fixture file ${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseTenantFixture(data, `file ${path}`);
}
