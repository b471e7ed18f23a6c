import { createHash } from 'node:crypto';

/**
 * A GUID derived from its inputs (name-based, like a v5 UUID), so that the same
 * fixture always yields the same ids across runs and instances.
 */
export function deterministicGuid(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('|').toLowerCase()).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return [hex.slice(0, 8), hex.slice(8, 12), `5${hex.slice(13, 16)}`, `${variant}${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}
