/**
 * Waits for `work` up to `budgetMs`. Returns its result, or `late` when the budget
 * ran out; the work then goes on and `onLate` gets its result (e.g. to update a card).
 */
export async function runWithin<T>(
  work: Promise<T>,
  budgetMs: number,
  onLate: (result: T) => Promise<void> | void,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  const first = await Promise.race([work.then((value) => ({ value })), late]);
  clearTimeout(timer);
  if (first !== 'late') return { done: true, value: first.value };
  work.then(onLate).catch(() => undefined);
  return { done: false };
}
