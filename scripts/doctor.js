#!/usr/bin/env node
// `npm run doctor`: the bot's own access to Azure and Microsoft Graph (see src/run-doctor.ts).
// Runs the compiled bot code, as `npm start` does; the npm script builds first.
const { runDoctorCommand } = require('../dist/src/run-doctor');

runDoctorCommand(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`doctor failed: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
