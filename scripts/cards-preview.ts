import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cardPreviews, type CardPreview } from './cards-preview-samples';
import { hostConfig, pageHtml, type Theme } from './cards-preview-theme';

/** The project root: the folder above this file with package.json and cards/ (from scripts/ or dist/scripts/). */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'cards'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cards:preview: no project root above ${start}`);
  }
}

const ROOT = findRoot(__dirname);
const OUT_DIR = path.join(ROOT, 'docs/cards');
const THEMES: Theme[] = ['light', 'dark'];
/** The flags STACK.md gives for Debian's Chromium on a headless machine. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const INSTALL_HELP = (executable: string) =>
  [
    `cards:preview needs Chromium, and there is none at ${executable}.`,
    "Install Debian's Chromium (as root, or with sudo):",
    '',
    '    apt-get update && apt-get install -y chromium',
    '',
    'or point CHROMIUM_PATH at a Chromium or Chrome binary you have, e.g.',
    '',
    '    CHROMIUM_PATH=/usr/bin/google-chrome npm run cards:preview',
    '',
    '(`npx playwright install` is not needed: playwright-core drives the installed browser.)',
  ].join('\n');

/** Renders every card preview, light and dark, to docs/cards/<name>-<theme>.png, and an index page. */
async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    process.stderr.write(`${INSTALL_HELP(executablePath)}\n`);
    process.exit(2);
  }
  const { chromium } = await import('playwright-core');
  const previews = cardPreviews();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cards-preview-chromium-'));
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 720, height: 900 },
    deviceScaleFactor: 1,
    offline: true,
  });
  const problems: string[] = [];
  const written: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(pageHtml());
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.min.js') });
    await page.addScriptTag({ path: path.join(ROOT, 'scripts/cards-preview-page.js') });
    for (const preview of previews) {
      for (const theme of THEMES) {
        const warnings = await page.evaluate(
          ([card, config, t]) => (globalThis as unknown as { renderPreview(c: object, h: object, t: string): string[] }).renderPreview(card, config, t),
          [preview.card, hostConfig(theme), theme] as const,
        );
        problems.push(...warnings.map((w) => `${preview.name} (${theme}): ${w}`));
        await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
        const file = path.join(OUT_DIR, `${preview.name}-${theme}.png`);
        await page.locator('#stage').screenshot({ path: file });
        written.push(file);
      }
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  removeStale(written);
  fs.writeFileSync(path.join(OUT_DIR, 'README.md'), indexPage(previews));
  const bytes = written.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  process.stdout.write(`Wrote ${written.length} PNGs (${Math.round(bytes / 1024)} KB) and README.md to ${path.relative(process.cwd(), OUT_DIR) || OUT_DIR}\n`);
  if (problems.length > 0) {
    process.stderr.write(`The renderer reported problems:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
}

/** PNGs of cards that no longer exist would mislead: remove them. */
function removeStale(written: string[]): void {
  const keep = new Set(written.map((f) => path.basename(f)));
  for (const file of fs.readdirSync(OUT_DIR)) {
    if (file.endsWith('.png') && !keep.has(file)) fs.rmSync(path.join(OUT_DIR, file));
  }
}

function indexPage(previews: CardPreview[]): string {
  const rows = previews.map(
    (p) => `| ${p.caption} (\`cards/${p.template}.json\`) | ![${p.name}, light](${p.name}-light.png) | ![${p.name}, dark](${p.name}-dark.png) |`,
  );
  return [
    '# Card previews',
    '',
    'Every Adaptive Card template, filled with the sample data of `test/cards/sample-views.ts` and drawn by the',
    'Adaptive Cards JS renderer in headless Chromium with a Teams-like light and dark host config.',
    'Regenerate with `npm run cards:preview` (written by `scripts/cards-preview.ts`; do not edit by hand).',
    '',
    '| where | light | dark |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`cards:preview failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
