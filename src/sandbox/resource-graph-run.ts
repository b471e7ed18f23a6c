import type { KqlComparison, KqlExpr, KqlQuery } from './resource-graph-kql';

/** One row of a Resource Graph table or result. */
export type GraphRow = Record<string, unknown>;

/** A query that parsed but names something Resource Graph would not find (a table, a column). */
export class KqlResolveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KqlResolveError';
  }
}

/** What a query yields: its columns in order, and its rows. */
export interface KqlResult {
  columns: string[];
  rows: GraphRow[];
}

function evaluate(expr: KqlExpr, row: GraphRow, known: Set<string>): unknown {
  switch (expr.kind) {
    case 'column':
      if (!known.has(expr.name)) throw new KqlResolveError(`Failed to resolve scalar expression named '${expr.name}'`);
      return row[expr.name];
    case 'path': {
      if (!known.has(expr.column)) throw new KqlResolveError(`Failed to resolve scalar expression named '${expr.column}'`);
      let value: unknown = row[expr.column];
      for (const key of expr.keys) value = value !== null && typeof value === 'object' ? (value as GraphRow)[key] : undefined;
      return value;
    }
    case 'call': {
      const arg = evaluate(expr.arg, row, known);
      const text = toText(arg);
      return expr.fn === 'tolower' ? text.toLowerCase() : expr.fn === 'toupper' ? text.toUpperCase() : text;
    }
  }
}

/** KQL's tostring(): a string as it is, a dynamic value as JSON, nothing as empty. */
function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function matches(c: KqlComparison, row: GraphRow, known: Set<string>): boolean {
  const left = toText(evaluate(c.left, row, known));
  const l = left.toLowerCase();
  const values = c.values.map((v) => v.toLowerCase());
  switch (c.op) {
    case '==':
      return left === c.values[0];
    case '!=':
      return left !== c.values[0];
    case '=~':
      return l === values[0];
    case '!~':
      return l !== values[0];
    case 'in':
      return c.values.includes(left);
    case '!in':
      return !c.values.includes(left);
    case 'in~':
      return values.includes(l);
    case '!in~':
      return !values.includes(l);
    // startswith, endswith, contains and has are case-insensitive in KQL.
    case 'startswith':
      return l.startsWith(values[0]!);
    case 'endswith':
      return l.endsWith(values[0]!);
    case 'contains':
      return l.includes(values[0]!);
    case 'has':
      return new RegExp(`(^|[^a-z0-9])${values[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`).test(l);
  }
}

/** Runs a parsed query over the tables the sandbox has (`tables[name]()` gives a table's rows and columns). */
export function runKql(query: KqlQuery, tables: Record<string, () => KqlResult>): KqlResult {
  const table = Object.keys(tables).find((t) => t === query.table.toLowerCase());
  if (!table) throw new KqlResolveError(`The name '${query.table}' does not refer to any known table, tabular variable or function.`);
  let { columns, rows } = tables[table]!();
  for (const stage of query.stages) {
    const known = new Set(columns);
    switch (stage.kind) {
      case 'where':
        rows = rows.filter((row) => stage.all.every((c) => matches(c, row, known)));
        break;
      case 'extend':
        rows = rows.map((row) => ({ ...row, ...Object.fromEntries(stage.columns.map((c) => [c.name, evaluate(c.expr, row, known)])) }));
        columns = [...columns.filter((c) => !stage.columns.some((s) => s.name === c)), ...stage.columns.map((c) => c.name)];
        break;
      case 'project':
        rows = rows.map((row) => Object.fromEntries(stage.columns.map((c) => [c.name, evaluate(c.expr, row, known)])));
        columns = stage.columns.map((c) => c.name);
        break;
      case 'order': {
        const keyed = rows.map((row) => ({ row, keys: stage.keys.map((k) => toText(evaluate(k.expr, row, known))) }));
        keyed.sort((a, b) => {
          for (let i = 0; i < stage.keys.length; i++) {
            const order = a.keys[i]! < b.keys[i]! ? -1 : a.keys[i]! > b.keys[i]! ? 1 : 0;
            if (order !== 0) return stage.keys[i]!.descending ? -order : order;
          }
          return 0;
        });
        rows = keyed.map((k) => k.row);
        break;
      }
      case 'take':
        rows = rows.slice(0, stage.count);
        break;
    }
  }
  return { columns, rows };
}
