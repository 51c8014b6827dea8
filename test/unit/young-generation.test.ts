import { describe, expect, it } from 'vitest';
import { restartArguments, SEMI_SPACE_MB } from '../../src/cli/young-generation.js';

const started = { execPath: '/usr/bin/node', execArgv: [] as string[], argv: ['/usr/bin/node', '/app/bin/depthmux.js', '--demo', '-s', 'ETH'], env: {} };

describe('capYoungGeneration: the restart', () => {
  it('starts the same command again with the semi-space cap before the script', () => {
    expect(restartArguments(started)).toEqual(['/usr/bin/node', `--max-semi-space-size=${SEMI_SPACE_MB}`, '/app/bin/depthmux.js', '--demo', '-s', 'ETH']);
  });

  it("keeps the user's own Node flags, in their order, before it", () => {
    expect(restartArguments({ ...started, execArgv: ['--inspect', '--enable-source-maps'] })?.slice(0, 4)).toEqual([
      '/usr/bin/node',
      '--inspect',
      '--enable-source-maps',
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
    ]);
  });

  it('leaves a size the user chose, and a process already restarted, as they are', () => {
    expect(restartArguments({ ...started, execArgv: ['--max-semi-space-size=32'] })).toBeUndefined();
    expect(restartArguments({ ...started, execArgv: ['--max_semi_space_size=8'] })).toBeUndefined();
    expect(restartArguments({ ...started, env: { NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=64' } })).toBeUndefined();
    const restarted = restartArguments(started)!;
    expect(restartArguments({ ...started, execArgv: restarted.slice(1, 2), argv: [restarted[0]!, ...restarted.slice(2)] })).toBeUndefined();
  });
});
