// The layers of src/ (README, "House rules"), checked by dependency-cruiser in npm test
// (test/house-rules/layers.test.ts). Type-only imports count: a type is a dependency too.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'workflow-is-pure',
      comment: 'src/workflow/ is the pure core: it imports nothing of the project outside itself, and no package or Node module.',
      severity: 'error',
      from: { path: '^src/workflow/' },
      to: { pathNot: '^src/workflow/' },
    },
    {
      name: 'app-below-the-edges',
      comment: 'src/app/ never imports the edges that call it or that it is wired to: bot/, server/, notify/.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(bot|server|notify)/' },
    },
    {
      name: 'only-azure-imports-azure-sdks',
      comment: 'Only src/azure/ imports the Azure SDKs (@azure/*); everything else sees its ports and typed errors.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/azure/' },
      to: { path: '(^|/)node_modules/@azure/' },
    },
    {
      name: 'only-edges-import-botbuilder',
      comment: 'Only src/bot/, src/server/ and src/notify/ import the Bot Framework SDK (botbuilder, botframework-*), so a move off it stays contained.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(bot|server|notify)/' },
      to: { path: '(^|/)node_modules/(botbuilder|botframework-)' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (a typo in a path would otherwise slip past the rules above).',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
    moduleSystems: ['cjs', 'es6'],
    exclude: { path: '\\.json$' },
  },
};
