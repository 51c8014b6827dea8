/**
 * The built binary in a real pseudo-terminal, through util-linux `script` (no native addon to
 * build). The screen is read from the raw output with the ANSI sequences stripped; keys are
 * written to the terminal's input. Everything it starts ends in close().
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './run-cli.js';

const ANSI = /\u001B(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export class PtySession {
  private raw = '';
  private exitCode: number | null | undefined;
  private readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  /** Where the shell writes the name of its terminal, so resize() can find it. */
  private readonly dir = mkdtempSync(join(tmpdir(), 'depthmux-pty-'));

  constructor(args: readonly string[], options: { cols?: number; rows?: number; env?: NodeJS.ProcessEnv } = {}) {
    const command = [
      `stty cols ${options.cols ?? 120} rows ${options.rows ?? 40}`,
      `tty > ${shellQuote(join(this.dir, 'tty'))}`,
      `exec ${shellQuote(process.execPath)} ${[BIN, ...args].map(shellQuote).join(' ')}`,
    ].join('; ');
    this.child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: { ...process.env, TERM: 'xterm-256color', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.child.stderr.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => {
        this.exitCode = code;
        resolve(code);
      });
    });
  }

  /** Everything printed so far, without escape sequences. */
  get output(): string {
    return stripAnsi(this.raw);
  }

  /** Everything printed so far, escape sequences included. */
  get rawOutput(): string {
    return this.raw;
  }

  /** Resizes the terminal, as dragging the window does: the program gets SIGWINCH. */
  resize(cols: number, rows: number): void {
    const tty = readFileSync(join(this.dir, 'tty'), 'utf8').trim();
    execFileSync('stty', ['-F', tty, 'cols', String(cols), 'rows', String(rows)]);
  }

  press(keys: string): void {
    this.child.stdin.write(keys);
  }

  async waitFor(description: string, predicate: (output: string) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.output)) {
      if (this.exitCode !== undefined) throw new Error(`exited (${this.exitCode}) while waiting for ${description}; output:\n${this.output.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}; output:\n${this.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async waitForExit(timeoutMs = 15_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`did not exit within ${timeoutMs} ms; output:\n${this.output.slice(-2000)}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.exitCode === undefined) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
