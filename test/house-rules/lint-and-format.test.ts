import { runTool } from './run-tool';

// House rules: the code is lint-clean (eslint.config.js) and formatted (.prettierrc.json), so
// `npm test` fails on either. Each tool runs as its own process (both load their configs and
// plugins with import(), which jest's module sandbox does not allow).
describe('house rules: lint and format', () => {
  jest.setTimeout(180_000);

  test('ESLint reports no problem (fix: npm run lint -- --fix)', async () => {
    const run = await runTool('node_modules/eslint/bin/eslint.js', ['--max-warnings', '0', '.']);
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
  });

  test('Prettier finds every file formatted (fix: npm run format)', async () => {
    const run = await runTool('node_modules/prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '.']);
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
  });
});
