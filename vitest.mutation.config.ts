import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite as mutation testing runs it: everything but the end-to-end tests, which drive the
 * built binary in a terminal and so never see a mutant of the source.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/{unit,integration,ui}/**/*.test.{ts,tsx}'],
    },
  }),
);
