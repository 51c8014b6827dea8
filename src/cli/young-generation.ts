/**
 * The cap on V8's young generation, which only the command line can set.
 *
 * V8 sizes each of its two semi-spaces from the machine's memory. On a 23-GB machine Node 20 and
 * 22 cap them at 16 MB and Node 24 at 64 MB (`heap_size_limit` less the old generation's 4096 MB
 * is three semi-spaces: 48 MB on Node 20 and 22, 192 MB on Node 24). The screen makes
 * garbage at a steady rate (Ink's output pass), so the young generation grows to its cap and stays
 * there: the client's RSS was ~250 MB on Node 24 against ~155 MB on Node 20 and 22, and 168 MB on
 * Node 24 started with `--max-semi-space-size=16`, at the same CPU (BENCHMARKS.md, seventh pass).
 *
 * `v8.setFlagsFromString` cannot do it: the cap is read once, when the heap is set up (measured:
 * set at startup, the new space still grew to 128 MB). So depthmux replaces its own process with
 * the same command plus the flag, before it loads anything else — where `process.execve` exists
 * (POSIX, Node 22.15 and later; it keeps the terminal's stdin, stdout and stderr). Elsewhere, or
 * when the user has chosen a size (on the command line or in NODE_OPTIONS), it runs as started.
 */

export const SEMI_SPACE_MB = 16;

const SEMI_SPACE_FLAG = /--max[-_]semi[-_]space[-_]size/;

type Execve = (file: string, args: readonly string[], env: NodeJS.ProcessEnv) => never;

export interface StartedProcess {
  readonly execPath: string;
  readonly execArgv: readonly string[];
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** The argument vector to start again with, or undefined when the process should run as it is. */
export function restartArguments(started: StartedProcess): string[] | undefined {
  const chosen = started.execArgv.some((arg) => SEMI_SPACE_FLAG.test(arg)) || SEMI_SPACE_FLAG.test(started.env['NODE_OPTIONS'] ?? '');
  if (chosen) return undefined;
  return [started.execPath, ...started.execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`, ...started.argv.slice(1)];
}

/** Never returns when it restarts the process; returns at once when it does not. */
export function capYoungGeneration(): void {
  const execve = (process as NodeJS.Process & { execve?: Execve }).execve;
  const args = restartArguments(process);
  if (typeof execve !== 'function' || args === undefined) return;
  try {
    execve(process.execPath, args, process.env);
  } catch {
    // Not restarted (a platform that refuses it): depthmux runs as started, with V8's own cap.
  }
}
