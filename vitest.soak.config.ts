import { defineConfig } from 'vitest/config';

/** `npm run soak`: minutes long, so apart from `npm test` (vitest.config.ts takes only *.test.ts). */
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.ts'],
    hookTimeout: 60_000,
  },
});
