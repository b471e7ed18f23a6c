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

/** The Action.Execute buttons of a card (its Universal Actions `refresh` is not a button: read `card.refresh`). */
export function executeActions(card: unknown): { verb: string; data: Json; title: string }[] {
  const buttons = card && typeof card === 'object' && !Array.isArray(card) ? { ...(card as Json), refresh: undefined } : card;
  return walk(buttons)
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

const WORDS = /\b(Passed|Failed|Warning|Unknown)\b/g;

function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => strings(n, out));
  else if (typeof node === 'object' && node !== null) Object.values(node).forEach((n) => strings(n, out));
  return out;
}

/** The result word and texts of the check row titled `title`: the largest part of the card holding the title and one result word. */
export function checkRow(card: unknown, title: string): { result: string; text: string } | null {
  let best: { result: string; text: string } | null = null;
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const texts = strings(node);
    if (!texts.some((s) => s.includes(title))) return;
    const words = texts.flatMap((s) => s.match(WORDS) ?? []);
    if (words.length === 1) {
      best = { result: words[0], text: texts.join(' | ') };
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(card);
  return best;
}
