/**
 * `depthmux sim` as its own process, the way a user runs it in a second terminal: started, its
 * printed command line read back, and stopped with SIGTERM on close().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN } from './run-cli.js';

export class SimProcess {
  private exit: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    /** What `depthmux sim` printed for pasting, without the leading `depthmux`. */
    readonly args: readonly string[],
    /** Every line it printed before that one. */
    readonly lines: readonly string[],
  ) {
    this.exit = new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
  }

  static async start(venues: readonly string[], timeoutMs = 15_000): Promise<SimProcess> {
    const child = spawn(process.execPath, [BIN, 'sim', '--exchanges', venues.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines: string[] = [];
    const input = createInterface({ input: child.stdout! });
    try {
      const command = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`depthmux sim printed no command line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        input.on('line', (line) => {
          if (!line.startsWith('depthmux ')) return void lines.push(line);
          clearTimeout(timer);
          resolve(line);
        });
        child.once('exit', (code) => reject(new Error(`depthmux sim exited with ${code} before printing its command line; stderr: ${stderr}`)));
      });
      return new SimProcess(child, command.split(' ').slice(1), lines);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      input.close();
      // Later lines are not read, but drained, so a full pipe never blocks the simulator.
      child.stdout!.resume();
    }
  }

  /** Stops it as Ctrl-C would; resolves with its exit code. */
  close(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exit;
  }
}
