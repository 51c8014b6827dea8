import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * Mutation testing of one area with the tests chosen for it: a run over a file then takes minutes
 * instead of the hours the whole suite would. MUTATION_TESTS is a comma-separated list of test
 * files or globs; MUTATION_SKIP a pattern of test names to leave out (a test that fails only under
 * Stryker's instrumentation, such as a 10 000-deep JSON frame, which the extra stack frames
 * overflow). Scores from such a run are lower bounds: tests outside the list may kill more.
 */
const skip = process.env.MUTATION_SKIP;
export default defineConfig({
  test: {
    ...base.test,
    include: (process.env.MUTATION_TESTS ?? '').split(','),
    ...(skip ? { testNamePattern: new RegExp(`^(?!.*(?:${skip}))`) } : {}),
  },
});
