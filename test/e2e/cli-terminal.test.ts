/**
 * How depthmux behaves around the terminal and the pipe: a reader that stops reading, stdin that
 * is not a terminal, a log file that cannot be written, a word that is no command, NO_COLOR.
 * Each ends in one clear line or a quiet exit, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { PtySession } from '../helpers/pty.js';

const STACK = /\bat .*\.js:\d+/;

describe('depthmux around terminals and pipes', () => {
  let session: PtySession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('--json | head -2 ends quietly with exit code 0, lines every --interval', () => {
    const script = `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --demo --json --interval 0.2 | head -2`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!) as { schema: number; venues: Array<{ ageS: number | null; latencyMs: number | null; resyncs: number }> };
    expect(first.schema).toBe(1);
    expect(first.venues[0]).toHaveProperty('ageS');
    expect(first.venues[0]).toHaveProperty('latencyMs');
    expect(first.venues[0]).toHaveProperty('resyncs');
  });

  it('says so when stdin is not a terminal', () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --demo < /dev/null`;
    const result = spawnSync('script', ['-qefc', command, '/dev/null'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.stdout).toContain('depthmux: stdin is not a terminal');
    expect(result.stdout).not.toMatch(STACK);
    expect(result.status).toBe(2);
  });

  it('reports a log file it cannot write before starting', async () => {
    const result = await runCli(['--demo', '--json', '--once', '--log-file', '/nonexistent-folder/depthmux.log']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^depthmux: cannot write the log file "\/nonexistent-folder\/depthmux\.log" \(ENOENT\)/);
  });

  it('names an unknown command', async () => {
    const result = await runCli(['nosuchcommand']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('depthmux: unknown command "nosuchcommand": the commands are sim and replay (run depthmux --help for usage)');
  });

  it('draws without colour when NO_COLOR is set, and with --no-color', async () => {
    for (const [args, env] of [[['--demo'], { NO_COLOR: '1' }], [['--demo', '--no-color'], {}]] as const) {
      session = new PtySession(args, { env });
      await session.waitFor('the ladder', (out) => /spread \d/.test(out));
      expect(session.rawOutput).not.toMatch(/\u001B\[(?:3[0-7]|9[0-7]|38;[25];[\d;]+)m/);
      session.press('q');
      expect(await session.waitForExit()).toBe(0);
      await session.close();
    }
  });
});
