/** Small readers over Adaptive Card JSON for assertions. */

type Json = Record<string, unknown>;

/** Every object in the card, depth first. */
export function walk(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Json);
    Object.values(node as Json).forEach((v) => walk(v, out));
  }
  return out;
}

/** The Action.Execute actions of a card. */
export function executeActions(card: unknown): { verb: string; data: Json; title: string }[] {
  return walk(card)
    .filter((n) => n.type === 'Action.Execute')
    .map((n) => ({ verb: String(n.verb), data: (n.data as Json) ?? {}, title: String(n.title ?? '') }));
}

/** All visible text of a card (TextBlock text, TextRun text, Fact titles and values), joined. */
export function cardText(card: unknown): string {
  return walk(card)
    .flatMap((n) => [n.type === 'TextBlock' || n.type === 'TextRun' ? n.text : null, n.title && n.value !== undefined ? `${n.title} ${n.value}` : null])
    .filter((t): t is string => typeof t === 'string')
    .join('\n');
}

/** Input ids of a card. */
export function inputIds(card: unknown): string[] {
  return walk(card)
    .filter((n) => typeof n.type === 'string' && (n.type as string).startsWith('Input.'))
    .map((n) => String(n.id));
}
