import * as fs from 'node:fs';
import * as path from 'node:path';
import { Template } from 'adaptivecards-templating';
import type { AdaptiveCard } from './adaptive-card';
import { ensureCardFits } from './card-size';

const cache = new Map<string, object>();
const templates = new Map<string, Template>();
let cardsDirectory: string | undefined;

/**
 * The project's cards/ folder: walk up from this file until a folder holds both
 * cards/ and package.json (works from src/cards under ts-jest and dist/src/cards).
 */
export function findCardsDirectory(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'cards');
    if (fs.existsSync(path.join(dir, 'package.json')) && isDirectory(candidate)) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`Card templates not found: no folder above ${start} holds cards/ and package.json. Ship cards/ next to package.json.`);
    }
    dir = parent;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The parsed template `cards/<name>.json`, read once and cached. */
export function loadTemplate(name: string): object {
  const cached = cache.get(name);
  if (cached) return cached;
  cardsDirectory ??= findCardsDirectory();
  const file = path.join(cardsDirectory, `${name}.json`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as object;
  cache.set(name, json);
  return json;
}

/**
 * Expands `cards/<name>.json` with `data` as `$root`. Data values are inserted
 * as values: `${…}` inside them is not evaluated. Every card is rendered here, and none
 * leaves over Teams' size limit (card-size.ts): a card that would is refused with CardTooLargeError.
 */
export function expandCard(name: string, data: object): AdaptiveCard {
  // Parsing a template's expressions costs up to ~15 ms (a new ANTLR parser per `${…}`);
  // a prepared Template is meant to be expanded again and again (npm run bench found this).
  let template = templates.get(name);
  if (!template) {
    template = new Template(loadTemplate(name));
    templates.set(name, template);
  }
  return ensureCardFits(name, template.expand({ $root: data }) as AdaptiveCard);
}
