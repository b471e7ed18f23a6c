/**
 * Teams app manifest, icons and packaging.
 *
 * - manifest/manifest.json validates offline against the official schema that
 *   @microsoft/app-manifest ships for its manifestVersion (draft-04 → ajv-draft-04).
 * - The bot's command lists equal the commands of the conversation contract.
 * - color.png is 192x192; outline.png is 32x32 RGBA, every pixel transparent or white.
 * - scripts/package-app.js builds a zip with the ids substituted and refuses a non-GUID id.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import AdmZip from 'adm-zip';
import { COMMANDS } from '../../src/app/parse-command';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST_DIR = path.join(ROOT, 'manifest');
const SCRIPT = path.join(ROOT, 'scripts', 'package-app.js');
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000b07';
const GUID_RE = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

// Commands from docs/contracts/conversation.md ("anywhere" → both lists, "1:1" → personal, "channel" → team).
const PERSONAL_COMMANDS = ['help', 'connect', 'check', 'disconnect', 'status', 'history', 'cancel', 'check all', 'doctor', 'primary'];
const TEAM_COMMANDS = ['help', 'check', 'status', 'notify here', 'doctor'];

const manifest = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
const appManifestDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));

function loadSchema(version: string): Record<string, unknown> {
  const file = path.join(appManifestDir, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function schemaValidator(schema: Record<string, unknown>) {
  // The Teams schemas declare draft-04; @microsoft/app-manifest validates them with ajv-draft-04.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv04 = require(require.resolve('ajv-draft-04', { paths: [appManifestDir, ROOT] }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addFormats = require('ajv-formats');
  const AjvClass = Ajv04.default || Ajv04;
  const ajv = new AjvClass({ allErrors: true, strict: false });
  (addFormats.default || addFormats)(ajv);
  return ajv.compile(schema);
}

// ---------- minimal PNG decoder (all 5 filter types, 8-bit RGB/RGBA/grey/grey+alpha) ----------
interface Png {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  channels: number;
  pixels: Buffer; // unfiltered scanlines, width*channels bytes per row
}

function decodePng(buf: Buffer): Png {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let off = 8;
  let width = 0,
    height = 0,
    bitDepth = 0,
    colorType = 0,
    interlace = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    off += 12 + len;
  }
  expect(bitDepth).toBe(8);
  expect(interlace).toBe(0);
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  expect(channels).toBeDefined();
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  expect(raw.length).toBe((stride + 1) * height);
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let pred: number;
      switch (filter) {
        case 0:
          pred = 0;
          break;
        case 1:
          pred = a;
          break;
        case 2:
          pred = b;
          break;
        case 3:
          pred = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a),
            pb = Math.abs(p - b),
            pc = Math.abs(p - c);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`unknown PNG filter type ${filter} on row ${y}`);
      }
      out[y * stride + x] = (line[x] + pred) & 0xff;
    }
  }
  return { width, height, colorType, bitDepth, channels, pixels: out };
}

function runPackager(env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.MicrosoftAppId;
  delete childEnv.TEAMS_APP_ID;
  delete childEnv.BOT_NAME_SUFFIX;
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  return spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, env: childEnv, encoding: 'utf8', timeout: 30000 });
}

describe('manifest/manifest.json', () => {
  it('uses the newest v1.x schema that @microsoft/app-manifest ships, with its official $schema URL', () => {
    const versions = fs
      .readdirSync(path.join(appManifestDir, 'build', 'json-schemas', 'teams'))
      .filter((d) => /^v1\.\d+$/.test(d))
      .map((d) => d.slice(1))
      .sort((x, y) => Number(x.split('.')[1]) - Number(y.split('.')[1]));
    expect(manifest.manifestVersion).toBe(versions[versions.length - 1]);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('validates against the official schema (offline)', () => {
    const validate = schemaValidator(loadSchema(manifest.manifestVersion));
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator really rejects a broken manifest', () => {
    const validate = schemaValidator(loadSchema(manifest.manifestVersion));
    const broken = JSON.parse(JSON.stringify(manifest));
    broken.id = '${{MicrosoftAppId}}';
    broken.name.short = 'x'.repeat(31);
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((e: { instancePath: string }) => e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/id', '/name/short']));
  });

  it('holds the placeholder GUID for the app and the bot', () => {
    expect(manifest.id).toBe(PLACEHOLDER_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(PLACEHOLDER_ID);
  });

  it('declares a conversational bot for personal and team scopes', () => {
    const bot = manifest.bots[0];
    expect([...bot.scopes].sort()).toEqual(['personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    expect(manifest.permissions).toEqual(expect.arrayContaining(['identity', 'messageTeamMembers']));
    expect(manifest.validDomains ?? []).toEqual([]);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(manifest.developer[key]).toMatch(/^https:\/\/example\.com\//);
    }
    expect(manifest.description.short).toMatch(/Sentinel/);
    expect(manifest.description.full).toMatch(/Defender portal/);
  });

  it('command lists equal the contract commands exactly', () => {
    const lists = manifest.bots[0].commandLists as Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
    expect(lists).toHaveLength(2);
    const byScope = (scope: string) => {
      const matching = lists.filter((l) => l.scopes.includes(scope));
      expect(matching).toHaveLength(1);
      expect(matching[0].scopes).toEqual([scope]);
      return matching[0].commands;
    };
    const personal = byScope('personal');
    const team = byScope('team');
    expect(personal.map((c) => c.title)).toEqual(PERSONAL_COMMANDS);
    expect(team.map((c) => c.title)).toEqual(TEAM_COMMANDS);
    for (const c of [...personal, ...team]) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(typeof c.description).toBe('string');
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
  });

  const contractFile = path.resolve(ROOT, 'docs', 'contracts', 'conversation.md');
  it('expected command lists match the contract table, for every command the bot implements', () => {
    const text = fs.readFileSync(contractFile, 'utf8');
    const personal: string[] = [];
    const team: string[] = [];
    for (const m of text.matchAll(/^\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|/gm)) {
      const name = m[1].replace(/\s*[[<].*$/, '').trim();
      const where = m[2].toLowerCase();
      if (where === 'anywhere' || where === '1:1') personal.push(name);
      if (where === 'anywhere' || where === 'channel') team.push(name);
    }
    // Every command the bot understands is in the contract; the contract's commands it understands are in the manifest.
    const implemented = COMMANDS as readonly string[];
    for (const name of implemented) expect([...personal, ...team]).toContain(name);
    expect(personal.filter((n) => implemented.includes(n))).toEqual(PERSONAL_COMMANDS);
    expect(team.filter((n) => implemented.includes(n))).toEqual(TEAM_COMMANDS);
  });
});

describe('icons', () => {
  it('color.png is a 192x192 full-colour PNG', () => {
    const png = decodePng(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')));
    expect([png.width, png.height]).toEqual([192, 192]);
    expect([2, 6]).toContain(png.colorType);
    // full colour: more than a handful of distinct colours, and opaque
    const colours = new Set<string>();
    let translucent = 0;
    for (let i = 0; i < png.pixels.length; i += png.channels) {
      colours.add(png.pixels.subarray(i, i + 3).toString('hex'));
      if (png.channels === 4 && png.pixels[i + 3] !== 255) translucent++;
    }
    expect(translucent).toBe(0);
    expect(colours.size).toBeGreaterThan(10);
  });

  it('outline.png is 32x32 RGBA, each pixel transparent or white, with some of each', () => {
    const png = decodePng(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.colorType).toBe(6); // RGBA
    let transparent = 0,
      white = 0;
    const bad: string[] = [];
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = png.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255 && a === 255) white++;
      else bad.push(`${(i / 4) % 32},${Math.floor(i / 4 / 32)}: ${r},${g},${b},${a}`);
    }
    expect(bad).toEqual([]);
    expect(white).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(white);
    // the border is transparent (Teams draws the outline on its own background)
    for (let x = 0; x < 32; x++) {
      expect(png.pixels[x * 4 + 3]).toBe(0);
      expect(png.pixels[(31 * 32 + x) * 4 + 3]).toBe(0);
    }
  });

  it('the decoder handles every PNG filter type', () => {
    // 3x2 RGBA image, one row per filter combination, encoded by hand
    const rows = [
      [10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255],
      [15, 25, 35, 128, 45, 55, 65, 0, 250, 5, 95, 255],
    ];
    for (let f1 = 0; f1 <= 4; f1++) {
      for (let f2 = 0; f2 <= 4; f2++) {
        const filters = [f1, f2];
        const raw: number[] = [];
        rows.forEach((row, y) => {
          raw.push(filters[y]);
          row.forEach((v, x) => {
            const a = x >= 4 ? row[x - 4] : 0;
            const b = y > 0 ? rows[y - 1][x] : 0;
            const c = x >= 4 && y > 0 ? rows[y - 1][x - 4] : 0;
            const p = a + b - c;
            const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
            const pred = [0, a, b, (a + b) >> 1, paeth][filters[y]];
            raw.push((v - pred) & 0xff);
          });
        });
        const ihdr = Buffer.alloc(13);
        ihdr.writeUInt32BE(3, 0);
        ihdr.writeUInt32BE(2, 4);
        ihdr[8] = 8;
        ihdr[9] = 6;
        const chunk = (type: string, data: Buffer) => {
          const len = Buffer.alloc(4);
          len.writeUInt32BE(data.length);
          return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]); // CRC not checked by the decoder
        };
        const png = Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          chunk('IHDR', ihdr),
          chunk('IDAT', zlib.deflateSync(Buffer.from(raw))),
          chunk('IEND', Buffer.alloc(0)),
        ]);
        expect([...decodePng(png).pixels]).toEqual([...rows[0], ...rows[1]]);
      }
    }
  });

  it('the generated PNGs carry valid chunk CRCs', () => {
    for (const name of ['color.png', 'outline.png']) {
      const buf = fs.readFileSync(path.join(MANIFEST_DIR, name));
      let off = 8;
      while (off < buf.length) {
        const len = buf.readUInt32BE(off);
        const body = buf.subarray(off + 4, off + 8 + len);
        expect(buf.readUInt32BE(off + 8 + len)).toBe(zlib.crc32 ? zlib.crc32(body) : crc32(body));
        off += 12 + len;
      }
    }
  });
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('scripts/package-app.js', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-app-'));
  });
  afterEach(() => {
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  function readZip() {
    const zip = new AdmZip(path.join(outDir, 'teams-app.zip'));
    const names = zip
      .getEntries()
      .map((e) => e.entryName)
      .sort();
    const packaged = JSON.parse(zip.readAsText('manifest.json'));
    return { zip, names, packaged };
  }

  it('writes the three files at the zip root with MicrosoftAppId substituted', () => {
    const appId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const res = runPackager({ MicrosoftAppId: appId, APP_PACKAGE_OUT: outDir });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const { zip, names, packaged } = readZip();
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(packaged.id).toBe(appId);
    expect(packaged.bots[0].botId).toBe(appId);
    expect(JSON.stringify(packaged)).not.toContain(PLACEHOLDER_ID);
    expect(zip.readFile('color.png')).toEqual(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')));
    expect(zip.readFile('outline.png')).toEqual(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')));
    const validate = schemaValidator(loadSchema(packaged.manifestVersion));
    expect(validate(packaged)).toBe(true);
  });

  it('uses TEAMS_APP_ID for the app id and BOT_NAME_SUFFIX for the name when given', () => {
    const appId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const teamsAppId = 'a1b2c3d4-0000-4000-8000-0000000000aa';
    const res = runPackager({ MicrosoftAppId: appId, TEAMS_APP_ID: teamsAppId, BOT_NAME_SUFFIX: ' (dev)', APP_PACKAGE_OUT: outDir });
    expect(res.status).toBe(0);
    const { packaged } = readZip();
    expect(packaged.id).toBe(teamsAppId);
    expect(packaged.bots[0].botId).toBe(appId);
    expect(packaged.name.short).toBe(`${manifest.name.short} (dev)`);
  });

  it('without MicrosoftAppId keeps the placeholder and warns it is for sideloading tests only', () => {
    const res = runPackager({ APP_PACKAGE_OUT: outDir });
    expect(res.status).toBe(0);
    expect(res.stderr).toMatch(/MicrosoftAppId is not set/);
    expect(res.stderr).toMatch(/sideloading tests/);
    const { packaged } = readZip();
    expect(packaged.id).toBe(PLACEHOLDER_ID);
    expect(packaged.bots[0].botId).toBe(PLACEHOLDER_ID);
  });

  it('refuses a MicrosoftAppId that is not a GUID, with a clear message and no zip', () => {
    const res = runPackager({ MicrosoftAppId: '${{MicrosoftAppId}}', APP_PACKAGE_OUT: outDir });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/MicrosoftAppId must be a GUID/);
    expect(fs.existsSync(path.join(outDir, 'teams-app.zip'))).toBe(false);
  });

  it('refuses a package whose final manifest fails schema validation', () => {
    const res = runPackager({
      MicrosoftAppId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      BOT_NAME_SUFFIX: ' — a suffix far too long for the short name',
      APP_PACKAGE_OUT: outDir,
    });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/does not validate against the Teams manifest schema/);
    expect(res.stderr).toMatch(/\/name\/short/);
    expect(fs.existsSync(path.join(outDir, 'teams-app.zip'))).toBe(false);
  });

  it('the placeholder id is a schema-valid GUID', () => {
    expect(PLACEHOLDER_ID).toMatch(GUID_RE);
  });
});
