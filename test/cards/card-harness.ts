import * as AC from 'adaptivecards';
import { JSDOM } from 'jsdom';

/** Parses a card with the real renderer; returns every serialization event as text. */
export function parseEvents(json: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push(`${AC.ValidationPhase[e.phase]} ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return events;
}

/** Messages of the renderer's own validation (duplicate ids, missing required properties…). */
export function validationMessages(json: object): string[] {
  const card = new AC.AdaptiveCard();
  card.parse(json, new AC.SerializationContext());
  return card.validateProperties().validationEvents.map((e) => e.message);
}

/** Escapes HTML, then renders only links and bold: enough to see whether markdown would fire. */
function tinyMarkdown(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escaped.replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '<a href="$2">$1</a>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = tinyMarkdown(text);
  result.didProcess = true;
};

function installDom(): JSDOM {
  const created = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  const installed: Record<string, unknown> = {
    window: created.window,
    document: created.window.document,
    navigator: created.window.navigator,
    getComputedStyle: created.window.getComputedStyle.bind(created.window),
  };
  for (const key of Object.getOwnPropertyNames(created.window)) {
    if (/^(HTML|SVG)\w*Element$|^(Element|Node|Event|KeyboardEvent|MouseEvent|DocumentFragment|Text)$/.test(key)) {
      installed[key] = (created.window as unknown as Record<string, unknown>)[key];
    }
  }
  // jsdom has no innerText, which the renderer uses for TextRuns: map it to textContent so their text shows.
  Object.defineProperty(created.window.HTMLElement.prototype, 'innerText', {
    configurable: true,
    get(this: HTMLElement) {
      return this.textContent;
    },
    set(this: HTMLElement, value: string) {
      this.textContent = value;
    },
  });
  const added = Object.keys(installed).filter((key) => !(key in g));
  for (const key of added) g[key] = installed[key];
  afterAll(() => {
    for (const key of added) delete g[key];
    created.window.close();
  });
  return created;
}

const dom = installDom();

/** Renders a card to HTML in jsdom (globals installed once per test file). */
export function renderToElement(json: object): HTMLElement {
  const card = new AC.AdaptiveCard();
  card.parse(json, new AC.SerializationContext());
  const element = card.render();
  if (!element) throw new Error('render() produced no element');
  dom.window.document.body.appendChild(element);
  return element;
}

/** Every object node of a card's JSON tree, with the path to it. */
export function nodes(json: unknown, path = '$'): Array<{ node: Record<string, unknown>; path: string }> {
  const out: Array<{ node: Record<string, unknown>; path: string }> = [];
  if (Array.isArray(json)) {
    json.forEach((v, i) => out.push(...nodes(v, `${path}[${i}]`)));
  } else if (json && typeof json === 'object') {
    const node = json as Record<string, unknown>;
    out.push({ node, path });
    for (const [k, v] of Object.entries(node)) out.push(...nodes(v, `${path}.${k}`));
  }
  return out;
}

export function ofType(json: unknown, type: string): Array<Record<string, unknown>> {
  return nodes(json)
    .map((n) => n.node)
    .filter((n) => n.type === type);
}

export function actions(json: unknown): Array<Record<string, unknown>> {
  return nodes(json)
    .map((n) => n.node)
    .filter((n) => typeof n.type === 'string' && n.type.startsWith('Action.'));
}

export function verbs(json: unknown): string[] {
  return actions(json)
    .filter((a) => a.type === 'Action.Execute')
    .map((a) => a.verb as string);
}

export function inputIds(json: unknown): string[] {
  return nodes(json)
    .map((n) => n.node)
    .filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))
    .map((n) => n.id as string);
}

/** Texts of all TextRuns, in document order. */
export function runTexts(json: unknown): string[] {
  return ofType(json, 'TextRun').map((r) => r.text as string);
}

/** All visible text of the card joined (TextBlocks, TextRuns, facts), for content assertions. */
export function allText(json: unknown): string {
  const parts: string[] = [];
  for (const { node } of nodes(json)) {
    if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') parts.push(node.text);
    if (typeof node.title === 'string' && typeof node.value === 'string' && node.type === undefined) parts.push(`${node.title}: ${node.value}`);
  }
  return parts.join('\n');
}

/** The string leaves containing `marker`, as "path (type.key)". */
export function placesOf(json: unknown, marker: string): Array<{ path: string; type: string; key: string; value: string }> {
  const out: Array<{ path: string; type: string; key: string; value: string }> = [];
  for (const { node, path } of nodes(json)) {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && value.includes(marker)) {
        out.push({ path: `${path}.${key}`, type: String(node.type ?? ''), key, value });
      }
    }
  }
  return out;
}

/**
 * Asserts the shape every card shares and that the real renderer parses it
 * without warnings and renders it.
 */
export function expectValidCard(json: object, options: { userTextHasDollar?: boolean } = {}): void {
  const card = json as Record<string, unknown>;
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  expect(parseEvents(json)).toEqual([]);
  expect(validationMessages(json)).toEqual([]);
  // An unbound `${…}` means the fill function forgot a field.
  if (!options.userTextHasDollar) expect(JSON.stringify(json)).not.toContain('${');
  for (const action of actions(json)) {
    if (action.type === 'Action.Execute') expect(typeof action.title).toBe('string');
  }
  for (const run of ofType(json, 'TextRun')) {
    expect(typeof run.text).toBe('string');
  }
  for (const block of ofType(json, 'TextBlock')) {
    expect(typeof block.text).toBe('string');
  }
  const element = renderToElement(json);
  expect(element.tagName).toBeDefined();
  expect(element.querySelectorAll('img')).toHaveLength(0);
}

/** Asserts an action carries `requestId` (string) and `version` (integer). */
export function expectRequestData(action: Record<string, unknown>, requestId: string, version: number): void {
  const data = action.data as Record<string, unknown>;
  expect(data).toEqual({ requestId, version });
  expect(typeof data.requestId).toBe('string');
  expect(Number.isInteger(data.version)).toBe(true);
}

/** User text that must come out verbatim and inert. */
export const HOSTILE = '${$root.requestId} [x](http://evil) <img src=x> **bold** _em_ MARK';
export const MARK = 'MARK';

/** A name far past any display limit. */
export const LONG = 'x'.repeat(5000);

/** The check rows of a card: the Containers bound from `checks`, with their title, result word, symbol, colour and all their text. */
export function checkRows(card: object): Array<{ title: string; result: string; symbol: string; color: string; text: string }> {
  return nodes(card)
    .map((n) => n.node)
    .filter((n) => n.type === 'Container' && Array.isArray(n.items) && (n.items as Array<{ type: string }>)[0]?.type === 'ColumnSet')
    .map((n) => {
      const columns = (n.items as Array<Record<string, unknown>>)[0].columns as Array<{ items: Array<Record<string, unknown>> }>;
      if (columns.length !== 3) return undefined;
      const symbolBlock = columns[0].items[0];
      const resultBlock = columns[2].items[0];
      return {
        title: runTexts(columns[1])[0],
        result: resultBlock.text as string,
        symbol: symbolBlock.text as string,
        color: resultBlock.color as string,
        text: allText(n),
      };
    })
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
}
