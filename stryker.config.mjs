// Mutation testing: `npm run mutation` (not part of `npm test`; it runs the suite once per mutant).
// It mutates where a silent bug costs most — the money path, the sync and link rules, the book,
// the pool and the store — and lists every surviving mutant in its report
// (reports/mutation/mutation.html, and the clear-text table on the console).
// `npm run mutation -- --mutate 'src/book/**/*.ts'` narrows a run to one area; with
// MUTATION_TESTS set it runs only those tests (vitest.mutation-area.config.ts), e.g.
// MUTATION_TESTS='test/unit/book*.test.ts,test/unit/tick-and-merge.test.ts' npm run mutation -- --mutate 'src/book/**/*.ts'
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: process.env.MUTATION_TESTS ? 'vitest.mutation-area.config.ts' : 'vitest.mutation.config.ts' },
  checkers: [],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  mutate: [
    'src/hyperliquid/close-*.ts',
    'src/hyperliquid/exchange-client.ts',
    'src/hyperliquid/position-closer.ts',
    'src/hyperliquid/reconcile.ts',
    'src/hyperliquid/rounding.ts',
    'src/hyperliquid/signing.ts',
    'src/hyperliquid/state-dir.ts',
    'src/feeds/*.ts',
    '!src/feeds/types.ts',
    'src/book/**/*.ts',
    'src/pool/**/*.ts',
    'src/store/**/*.ts',
  ],
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
