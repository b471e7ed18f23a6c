import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';

const root = path.resolve(__dirname, '../..');
const declared: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;

/** Every package npm installed (package-lock.json), with the engines.node its installed package.json declares. */
function installedEngines(): { name: string; node: string }[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  return Object.keys(lock.packages)
    .filter((where) => where !== '' && fs.existsSync(path.join(root, where, 'package.json')))
    .flatMap((where) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, where, 'package.json'), 'utf8'));
      const node = manifest.engines?.node;
      return typeof node === 'string' ? [{ name: `${where.replace(/^.*node_modules\//, '')}@${manifest.version}`, node }] : [];
    });
}

describe('engines: the Node range package.json declares is one every installed package accepts', () => {
  test('the declared range is a valid semver range that the Node running the tests satisfies', () => {
    expect(semver.validRange(declared)).not.toBeNull();
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });

  test('no installed package declares an engines.node that leaves out part of the declared range (npm ci prints no EBADENGINE)', () => {
    const packages = installedEngines();
    expect(packages.length).toBeGreaterThan(100);
    const narrower = packages.filter((p) => !semver.subset(declared, p.node, { includePrerelease: false })).map((p) => `${p.name} wants node ${p.node}`);
    expect(narrower).toEqual([]);
  });
});
