/**
 * A command in a pseudo-terminal (util-linux `script`, as the e2e tests run the binary), 120×40
 * unless told, and the process it runs: `script` forwards no signals, so the benches signal and
 * read /proc of the child itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function spawnInPty(command: string, env: NodeJS.ProcessEnv = {}, columns = 120, rows = 40): ChildProcess {
  return spawn('script', ['-qefc', `stty cols ${columns} rows ${rows}; exec ${command}`, '/dev/null'], {
    env: { ...process.env, TERM: 'xterm-256color', ...env },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}

/** The process `script` runs, once it runs it. */
export function ptyChildPid(script: ChildProcess): number | undefined {
  try {
    const children = readFileSync(`/proc/${script.pid}/task/${script.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    return children.length === 1 && children[0] ? children[0] : undefined;
  } catch {
    return undefined;
  }
}
