import { personalMessage, requester } from './bench-activities';
import { SAMPLE_TENANT_ID } from './bench-tenants';
import { requestJson } from './http-client';
import { summarise, type LatencySummary } from './stats';

/** Message turns a bot completed per second under a closed loop, with their latency. */
export interface Throughput {
  turnsPerSecond: number;
  turns: number;
  failed: number;
  latency: LatencySummary;
}

/**
 * A closed loop of `concurrency` 1:1 chats, each sending `text` as soon as the previous
 * turn answered, for `warmupSeconds` (not counted) then `seconds`.
 */
export async function closedLoop(options: {
  botUrl: string;
  serviceUrl: string;
  text: string;
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
}): Promise<Throughput> {
  const tenantId = SAMPLE_TENANT_ID;
  const warmEnd = performance.now() + options.warmupSeconds * 1000;
  const end = warmEnd + options.seconds * 1000;
  const samples: number[] = [];
  let failed = 0;
  const worker = async (k: number) => {
    const user = requester(100_000 + k);
    while (performance.now() < end) {
      const sent = performance.now();
      const answer = await requestJson('POST', `${options.botUrl}/api/messages`, personalMessage(options.serviceUrl, tenantId, user, options.text)).catch(
        () => null,
      );
      const done = performance.now();
      if (sent < warmEnd || done > end) continue;
      if (answer && (answer.status === 200 || answer.status === 201)) samples.push(answer.ms);
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, k) => worker(k)));
  return { turnsPerSecond: Math.round((samples.length / options.seconds) * 10) / 10, turns: samples.length, failed, latency: summarise(samples) };
}
