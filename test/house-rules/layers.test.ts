import { runTool } from './run-tool';

// House rules: the layers of src/ hold (.dependency-cruiser.js names each rule and why).
describe('house rules: layers', () => {
  jest.setTimeout(120_000);

  test('dependency-cruiser finds no import across a layer rule', async () => {
    const run = await runTool('node_modules/dependency-cruiser/bin/dependency-cruise.mjs', [
      '--config',
      '.dependency-cruiser.js',
      '--output-type',
      'err',
      'src',
    ]);
    expect(run.output).toMatch(/no dependency violations found/);
    expect(run.code).toBe(0);
  });
});
