#!/usr/bin/env node
'use strict';
/**
 * Builds the Teams app package: <out>/teams-app.zip holding manifest.json,
 * color.png and outline.png at the zip root.
 *
 *   npm run package
 *   MicrosoftAppId=<bot app GUID> npm run package
 *
 * Environment:
 *   MicrosoftAppId   the bot's Entra app (client) id, a GUID. Becomes bots[0].botId
 *                    and, unless TEAMS_APP_ID is set, the Teams app id. If unset, the
 *                    placeholder GUID stays and a warning says the package is only
 *                    good for sideloading tests. If set but not a GUID: exit 1.
 *   TEAMS_APP_ID     optional Teams app id (GUID) distinct from the bot id.
 *   BOT_NAME_SUFFIX  optional suffix for the app name, e.g. " (dev)" (name.short ≤ 30).
 *   APP_PACKAGE_OUT  output directory (default: dist/ in the repository).
 *
 * The final manifest is validated offline against the official schema shipped by
 * @microsoft/app-manifest for the manifest's manifestVersion (draft-04, via ajv-draft-04
 * + ajv-formats, exactly as that package validates). Any error exits 1.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST_DIR = path.join(ROOT, 'manifest');
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000b07';
const GUID_RE = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const ICONS = { color: 192, outline: 32 };

class PackageError extends Error {}

function schemaPathFor(manifestVersion) {
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json', { paths: [ROOT] }));
  const file = path.join(pkgDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) {
    throw new PackageError(`@microsoft/app-manifest ships no schema for manifestVersion "${manifestVersion}" (looked for ${file})`);
  }
  return file;
}

/** Returns a list of error strings (empty when valid). */
function validateManifest(manifest) {
  const schema = JSON.parse(fs.readFileSync(schemaPathFor(manifest.manifestVersion), 'utf8'));
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json', { paths: [ROOT] }));
  // The Teams schemas are draft-04; ajv-draft-04 comes with @microsoft/app-manifest.
  const Ajv04 = require(require.resolve('ajv-draft-04', { paths: [pkgDir, ROOT] }));
  const addFormats = require(require.resolve('ajv-formats', { paths: [ROOT, pkgDir] }));
  const AjvClass = Ajv04.default || Ajv04;
  const ajv = new AjvClass({ allErrors: true, strict: false });
  (addFormats.default || addFormats)(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors || []).map((e) => `${e.instancePath || '/'} ${e.message || 'is invalid'}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}

/** Reads width/height/colour type from a PNG's IHDR. */
function pngInfo(buf) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(sig) || buf.toString('ascii', 12, 16) !== 'IHDR') {
    throw new PackageError('not a PNG file');
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), colorType: buf[25] };
}

/** Builds the final manifest from manifest/manifest.json and the environment. */
function buildManifest(env = process.env, log = console) {
  const manifest = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
  const appId = (env.MicrosoftAppId || '').trim();
  const teamsAppId = (env.TEAMS_APP_ID || '').trim();

  let botId = PLACEHOLDER_ID;
  if (!appId) {
    log.warn(
      `WARNING: MicrosoftAppId is not set; using the placeholder id ${PLACEHOLDER_ID}. ` +
        'This package is only for sideloading tests (e.g. the Agents Playground), not for a real Teams upload.',
    );
  } else if (!GUID_RE.test(appId)) {
    throw new PackageError(`MicrosoftAppId must be a GUID (the bot's Entra app id), got "${appId}"`);
  } else {
    botId = appId;
  }
  if (teamsAppId && !GUID_RE.test(teamsAppId)) {
    throw new PackageError(`TEAMS_APP_ID must be a GUID, got "${teamsAppId}"`);
  }

  manifest.id = teamsAppId || botId;
  for (const bot of manifest.bots || []) bot.botId = botId;

  const suffix = env.BOT_NAME_SUFFIX || '';
  if (suffix) {
    manifest.name.short += suffix;
    if (manifest.name.full) manifest.name.full += suffix;
  }
  return manifest;
}

function packageApp(env = process.env, log = console) {
  const manifest = buildManifest(env, log);

  const errors = validateManifest(manifest);
  if (errors.length) {
    throw new PackageError(`manifest does not validate against the Teams manifest schema v${manifest.manifestVersion}:\n  - ${errors.join('\n  - ')}`);
  }

  const files = { 'manifest.json': Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') };
  for (const [kind, size] of Object.entries(ICONS)) {
    const rel = manifest.icons[kind];
    const file = path.join(MANIFEST_DIR, rel);
    if (!fs.existsSync(file)) throw new PackageError(`icon ${rel} not found in manifest/ (run: node scripts/make-icons.js)`);
    const buf = fs.readFileSync(file);
    const info = pngInfo(buf);
    if (info.width !== size || info.height !== size) {
      throw new PackageError(`icon ${rel} must be ${size}x${size}, is ${info.width}x${info.height}`);
    }
    if (kind === 'outline' && info.colorType !== 6 && info.colorType !== 4) {
      throw new PackageError(`icon ${rel} must have an alpha channel (transparent background)`);
    }
    files[path.basename(rel)] = buf;
  }

  const outDir = path.resolve(env.APP_PACKAGE_OUT || path.join(ROOT, 'dist'));
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, 'teams-app.zip');
  const AdmZip = require(require.resolve('adm-zip', { paths: [ROOT] }));
  const zip = new AdmZip();
  for (const [name, data] of Object.entries(files)) zip.addFile(name, data);
  zip.writeZip(outFile);
  log.log(`Wrote ${outFile} (app id ${manifest.id}, bot id ${manifest.bots[0].botId}, manifest v${manifest.manifestVersion})`);
  return { outFile, manifest };
}

module.exports = { PLACEHOLDER_ID, GUID_RE, buildManifest, validateManifest, packageApp, pngInfo, PackageError };

if (require.main === module) {
  try {
    packageApp();
  } catch (err) {
    console.error(`package-app: ERROR: ${err instanceof PackageError ? err.message : err.stack || err}`);
    process.exit(1);
  }
}
