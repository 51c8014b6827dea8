import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseLock, procStart, type LockAttempt } from '../../src/hyperliquid/close-lock.js';

let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'depthmux-lock-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) await stop(child);
  rmSync(dir, { recursive: true, force: true });
});

const NAME = 'close-testnet-0xabc-BTC';
const lockPath = (): string => join(dir, `${NAME}.lock`);

/** A real other process: a node that idles until killed. */
async function startOther(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); process.stdout.write("ready")'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child did not start within 5 s')), 5_000);
    child.stdout?.once('data', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (child.pid === undefined) throw new Error('child has no pid');
  return child as ChildProcess & { pid: number };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited; // reaped: the pid is gone, not a zombie
}

/** A lock file in the format CloseLock writes, owned by `pid`. */
function writeLockOf(pid: number, fields: { procStart?: string | null; createdAt?: number; host?: string } = {}): void {
  const owner = {
    pid,
    procStart: fields.procStart === undefined ? procStart(pid) : fields.procStart,
    host: fields.host ?? hostname(),
    createdAt: fields.createdAt ?? Date.now(),
    token: 'other-token',
  };
  writeFileSync(lockPath(), `${JSON.stringify(owner)}\n`, { mode: 0o600 });
}

function held(attempt: LockAttempt): CloseLock {
  if (!attempt.ok) throw new Error(`expected the lock, owner is pid ${attempt.owner?.pid}`);
  return attempt.lock;
}

describe('CloseLock', () => {
  it('two locks on one name: the second is refused with the owner pid until the first is released', async () => {
    const first = held(await CloseLock.acquire({ dir, name: NAME }));
    const second = await CloseLock.acquire({ dir, name: NAME });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.owner?.pid).toBe(process.pid);
    const other = held(await CloseLock.acquire({ dir, name: 'close-testnet-0xabc-ETH' }));
    await first.release();
    expect(existsSync(lockPath())).toBe(false);
    const third = held(await CloseLock.acquire({ dir, name: NAME }));
    await third.release();
    await other.release();
  });

  it('the lock file holds pid, process start time and host, owner-only', async () => {
    const lock = held(await CloseLock.acquire({ dir, name: NAME }));
    const owner = JSON.parse(readFileSync(lockPath(), 'utf8')) as Record<string, unknown>;
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    expect(typeof owner['createdAt']).toBe('number');
    if (existsSync('/proc/self/stat')) expect(owner['procStart']).toBe(procStart(process.pid));
    await lock.release();
  });

  it('a live other process keeps its lock and is reported by pid; once it is dead the lock is taken over', async () => {
    const other = await startOther();
    writeLockOf(other.pid);
    const refused = await CloseLock.acquire({ dir, name: NAME });
    expect(refused).toMatchObject({ ok: false, owner: { pid: other.pid } });

    await stop(other);
    const lock = held(await CloseLock.acquire({ dir, name: NAME }));
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('a stale lock of a live process is taken over', async () => {
    const other = await startOther();
    writeLockOf(other.pid, { createdAt: Date.now() - 10 * 60_000 });
    const lock = held(await CloseLock.acquire({ dir, name: NAME, staleMs: 120_000 }));
    await lock.release();
  });

  it.runIf(existsSync('/proc/self/stat'))('a reused pid (same pid, other start time) is a dead owner', async () => {
    writeLockOf(process.pid, { procStart: '1' });
    const lock = held(await CloseLock.acquire({ dir, name: NAME }));
    await lock.release();
  });

  it('a lock from another host is only taken over once stale', async () => {
    writeLockOf(999_999, { host: 'elsewhere', procStart: null });
    expect((await CloseLock.acquire({ dir, name: NAME })).ok).toBe(false);
    writeLockOf(999_999, { host: 'elsewhere', procStart: null, createdAt: Date.now() - 10 * 60_000 });
    held(await CloseLock.acquire({ dir, name: NAME }));
  });

  it('an empty lock file is held while fresh (owner still writing) and dead once old', async () => {
    writeFileSync(lockPath(), '');
    const refused = await CloseLock.acquire({ dir, name: NAME });
    expect(refused).toEqual({ ok: false, owner: undefined });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(), old, old);
    held(await CloseLock.acquire({ dir, name: NAME }));
  });

  it('many takers racing for a dead lock: exactly one wins', async () => {
    const other = await startOther();
    writeLockOf(other.pid);
    await stop(other);
    const attempts = await Promise.all(Array.from({ length: 12 }, () => CloseLock.acquire({ dir, name: NAME })));
    const winners = attempts.filter((a) => a.ok);
    expect(winners).toHaveLength(1);
    for (const loser of attempts.filter((a) => !a.ok)) expect(loser).toMatchObject({ ok: false });
  });

  it('release leaves a lock that was taken over alone', async () => {
    const mine = held(await CloseLock.acquire({ dir, name: NAME }));
    const other = await startOther();
    writeLockOf(other.pid); // someone took it over (e.g. after judging ours stale)
    await mine.release();
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: other.pid });
  });
});
