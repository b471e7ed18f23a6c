#!/usr/bin/env node
// `npm run audit:export [-- file]`: the audit log as JSON Lines (see src/app/audit/run-audit-export.ts).
// Runs the compiled bot code, as `npm start` does; the npm script builds first.
const { runAuditExport } = require('../dist/src/app/audit/run-audit-export');

runAuditExport(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`audit:export failed: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
