/**
 * The part of Resource Graph's query language (KQL) the sandbox understands: a table, then
 * `where` (comparisons joined by `and`), `extend`, `project`, `order by` / `sort by` and
 * `take` / `limit`. It is parsed, not pattern-matched, so the sandbox answers exactly what a
 * query asks; anything outside this part is refused as Resource Graph refuses a query it cannot run.
 */

/** A scalar expression: a column, a property path into a dynamic column, or a function of one. */
export type KqlExpr =
  { kind: 'column'; name: string } | { kind: 'path'; column: string; keys: string[] } | { kind: 'call'; fn: 'tostring' | 'tolower' | 'toupper'; arg: KqlExpr };

export type KqlOperator = '==' | '!=' | '=~' | '!~' | 'in' | 'in~' | '!in' | '!in~' | 'startswith' | 'endswith' | 'contains' | 'has';

/** One comparison of a `where`. */
export interface KqlComparison {
  left: KqlExpr;
  op: KqlOperator;
  values: string[];
}

export type KqlStage =
  | { kind: 'where'; all: KqlComparison[] }
  | { kind: 'extend'; columns: { name: string; expr: KqlExpr }[] }
  | { kind: 'project'; columns: { name: string; expr: KqlExpr }[] }
  | { kind: 'order'; keys: { expr: KqlExpr; descending: boolean }[] }
  | { kind: 'take'; count: number };

export interface KqlQuery {
  table: string;
  stages: KqlStage[];
}

/** Why a query was refused: where (1-based line, 0-based position in it, as Resource Graph reports) and what. */
export class KqlError extends Error {
  constructor(
    readonly reason: 'parser' | 'unsupported',
    message: string,
    readonly line: number,
    readonly position: number,
    readonly token: string,
  ) {
    super(message);
    this.name = 'KqlError';
  }
}

interface Token {
  text: string;
  kind: 'word' | 'string' | 'number' | 'symbol';
  offset: number;
}

const SYMBOLS = ['!in~', '==', '!=', '=~', '!~', 'in~', '|', ',', '(', ')', '[', ']', '.', '='];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw errorAt(source, i, 'parser', 'ParserFailure', c);
      tokens.push({ text: source.slice(i + 1, end), kind: 'string', offset: i });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c) || (c === '!' && /^!in~?\b/.test(source.slice(i)))) {
      const word = /^!?[A-Za-z_][A-Za-z0-9_]*~?/.exec(source.slice(i))![0];
      tokens.push({ text: word, kind: word.startsWith('!') || word.endsWith('~') ? 'symbol' : 'word', offset: i });
      i += word.length;
    } else if (/[0-9]/.test(c)) {
      const num = /^[0-9]+/.exec(source.slice(i))![0];
      tokens.push({ text: num, kind: 'number', offset: i });
      i += num.length;
    } else {
      const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
      if (!symbol) throw errorAt(source, i, 'parser', 'ParserFailure', c);
      tokens.push({ text: symbol, kind: 'symbol', offset: i });
      i += symbol.length;
    }
  }
  return tokens;
}

function errorAt(source: string, offset: number, reason: KqlError['reason'], message: string, token: string): KqlError {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return new KqlError(reason, message, line, offset - (before.lastIndexOf('\n') + 1), token);
}

const COMPARISONS: readonly string[] = ['==', '!=', '=~', '!~', 'in', 'in~', '!in', '!in~', 'startswith', 'endswith', 'contains', 'has'];
const LIST_OPERATORS: readonly string[] = ['in', 'in~', '!in', '!in~'];
const FUNCTIONS: readonly string[] = ['tostring', 'tolower', 'toupper'];

/** Parses a query of the supported part of KQL; throws {@link KqlError} for anything else. */
export function parseKql(source: string): KqlQuery {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const fail = (reason: KqlError['reason'] = 'parser', message = 'ParserFailure'): never => {
    const token = peek();
    throw errorAt(source, token?.offset ?? source.length, reason, message, token?.text ?? '<EOF>');
  };
  const next = (): Token => tokens[at++] ?? fail();
  const word = (text?: string): string => {
    const token = peek();
    if (!token || token.kind !== 'word' || (text !== undefined && token.text.toLowerCase() !== text)) return fail();
    at++;
    return token.text;
  };
  const symbol = (text: string): void => {
    if (peek()?.text !== text) fail();
    at++;
  };
  const accept = (text: string): boolean => {
    if (peek()?.text.toLowerCase() !== text) return false;
    at++;
    return true;
  };

  const expr = (): KqlExpr => {
    const name = word();
    if (peek()?.text === '(') {
      const fn = name.toLowerCase();
      if (!FUNCTIONS.includes(fn)) {
        at--;
        fail('unsupported', `The sandbox does not emulate the function '${name}'.`);
      }
      symbol('(');
      const arg = expr();
      symbol(')');
      return { kind: 'call', fn: fn as 'tostring' | 'tolower' | 'toupper', arg };
    }
    const keys: string[] = [];
    for (;;) {
      if (accept('.')) keys.push(word());
      else if (accept('[')) {
        const key = next();
        if (key.kind !== 'string') fail();
        keys.push(key.text);
        symbol(']');
      } else break;
    }
    return keys.length ? { kind: 'path', column: name, keys } : { kind: 'column', name };
  };
  const value = (): string => {
    const token = next();
    if (token.kind !== 'string') {
      at--;
      fail();
    }
    return token.text;
  };
  const comparison = (): KqlComparison => {
    const left = expr();
    const op = peek()?.text.toLowerCase() ?? '';
    if (!COMPARISONS.includes(op)) fail();
    at++;
    if (LIST_OPERATORS.includes(op)) {
      symbol('(');
      const values = [value()];
      while (accept(',')) values.push(value());
      symbol(')');
      return { left, op: op as KqlOperator, values };
    }
    return { left, op: op as KqlOperator, values: [value()] };
  };
  const assignment = (): { name: string; expr: KqlExpr } => {
    const start = at;
    const name = word();
    if (accept('=')) return { name, expr: expr() };
    at = start;
    const e = expr();
    if (e.kind !== 'column') fail();
    return { name, expr: e };
  };
  const list = <T>(item: () => T): T[] => {
    const items = [item()];
    while (accept(',')) items.push(item());
    return items;
  };

  const table = word();
  const stages: KqlStage[] = [];
  while (at < tokens.length) {
    symbol('|');
    const operator = word().toLowerCase();
    switch (operator) {
      case 'where': {
        const all = [comparison()];
        while (accept('and')) all.push(comparison());
        stages.push({ kind: 'where', all });
        break;
      }
      case 'extend':
        stages.push({ kind: 'extend', columns: list(assignment) });
        break;
      case 'project':
        stages.push({ kind: 'project', columns: list(assignment) });
        break;
      case 'order':
      case 'sort':
        word('by');
        stages.push({
          kind: 'order',
          keys: list(() => {
            const e = expr();
            // KQL sorts descending unless asked otherwise.
            const descending = accept('asc') ? false : (accept('desc'), true);
            return { expr: e, descending };
          }),
        });
        break;
      case 'take':
      case 'limit': {
        const count = next();
        if (count.kind !== 'number') fail();
        stages.push({ kind: 'take', count: Number(count.text) });
        break;
      }
      default:
        at--;
        fail('unsupported', `The sandbox does not emulate the operator '${operator}'.`);
    }
  }
  return { table, stages };
}
