import type { Logger } from '../logger';

/**
 * Waits for `work` up to `budgetMs`. Returns its result, or `late` when the budget ran out; the
 * work then goes on and `onLate` gets its result (e.g. to update a card). Nobody waits for that
 * late part any more, so a failure in it (of the work, or of `onLate`) is logged, never dropped.
 */
export async function runWithin<T>(
  work: Promise<T>,
  budgetMs: number,
  onLate: (result: T) => Promise<void> | void,
  logger: Pick<Logger, 'error'>,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  const first = await Promise.race([work.then((value) => ({ value })), late]);
  clearTimeout(timer);
  if (first !== 'late') return { done: true, value: first.value };
  work.then(onLate).catch((err: unknown) => logger.error({ err }, 'late work failed after its answer: the card it was to update stays as it is'));
  return { done: false };
}
