/**
 * The close lock where files are odd or change under it: a lock file that is not a well-formed
 * owner, an owner whose liveness cannot be proven, a takeover guard left by a taker that died, and
 * a lock that another process removes or replaces between our reads. The lock's promise in each:
 * a live owner keeps its lock, a dead or stale one is taken over by exactly one taker, and nothing
 * (guard files, file descriptors) is left behind.
 *
 * The changes "between our reads" are made from the `now` option, which acquire() reads right
 * before it judges the lock (second call) and right before it takes it over (third call).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, uptime } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseLock, procStart, type LockAttempt } from '../../src/hyperliquid/close-lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'depthmux-lock-edge-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NAME = 'close-testnet-0xabc-BTC';
const lockPath = (): string => join(dir, `${NAME}.lock`);
const guardPath = (): string => `${lockPath()}.takeover`;
const hasProc = existsSync('/proc/self/stat');
/** Above any pid_max (2^22 is the kernel's ceiling): kill(pid, 0) answers ESRCH, the owner is provably gone. */
const GONE_PID = 4_194_311;

/** A lock file as CloseLock writes it; by default owned by this (live) process under another token. */
function writeLock(fields: Record<string, unknown> = {}): void {
  const owner = { pid: process.pid, procStart: procStart(process.pid), host: hostname(), createdAt: Date.now(), token: 'other-token', ...fields };
  writeFileSync(lockPath(), `${JSON.stringify(owner)}\n`, { mode: 0o600 });
}

function age(path: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

function held(attempt: LockAttempt): CloseLock {
  if (!attempt.ok) throw new Error(`expected the lock, owner is ${JSON.stringify(attempt.owner)}`);
  return attempt.lock;
}

const acquire = (extra: { now?: () => number; staleMs?: number; name?: string } = {}): Promise<LockAttempt> => CloseLock.acquire({ dir, name: NAME, ...extra });

/** A clock that runs `change` when acquire() reads it for the n-th time (1-based). */
function clockThatOn(n: number, change: () => void): () => number {
  let calls = 0;
  return () => {
    if (++calls === n) change();
    return Date.now();
  };
}

describe('lock names', () => {
  it('a coin name with characters outside [A-Za-z0-9._-] gets its own lock file inside the lock dir', async () => {
    const dexCoin = held(await acquire({ name: 'close-testnet-0xabc-xyz:BTC' }));
    expect(dexCoin.path).toBe(join(dir, 'close-testnet-0xabc-xyz_BTC.lock'));
    const escaping = held(await acquire({ name: 'close-testnet-0xabc-../../BTC' }));
    expect(escaping.path).toBe(join(dir, 'close-testnet-0xabc-.._.._BTC.lock'));
    await dexCoin.release();
    await escaping.release();
  });
});

describe('lock files that are not a well-formed owner', () => {
  // Each is otherwise this live process's lock: read as an owner, it would be held.
  const malformed: Array<[string, string]> = [
    ['JSON null', 'null'],
    ['a torn write', '{"pid":12'],
    ['a pid that is not an integer', JSON.stringify({ pid: '12', host: hostname(), createdAt: Date.now(), token: 't' })],
    ['a host that is not text', JSON.stringify({ pid: process.pid, host: 7, createdAt: Date.now(), token: 't' })],
    ['a creation time that is not a number', JSON.stringify({ pid: process.pid, host: hostname(), createdAt: 'now', token: 't' })],
    ['no token', JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now() })],
  ];

  it.each(malformed)('%s: held while the file is fresh (its owner may still be writing), taken over once old', async (_what, text) => {
    writeFileSync(lockPath(), text);
    expect(await acquire()).toEqual({ ok: false, owner: undefined });
    age(lockPath(), 60_000);
    const lock = held(await acquire());
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });
});

describe('owners whose death cannot be proven keep their lock', () => {
  it('a live owner whose start time was not recorded', async () => {
    writeLock({ procStart: null });
    expect(await acquire()).toMatchObject({ ok: false, owner: { pid: process.pid, procStart: null } });
  });

  it('a live owner whose start time is recorded in a form we do not read', async () => {
    writeLock({ procStart: 12_345 });
    expect(await acquire()).toMatchObject({ ok: false, owner: { pid: process.pid, procStart: null } });
  });

  it('an owner pid this system cannot check: held until stale', async () => {
    writeLock({ pid: 2 ** 40, procStart: '4242' });
    expect(await acquire()).toMatchObject({ ok: false, owner: { pid: 2 ** 40 } });
    writeLock({ pid: 2 ** 40, procStart: '4242', createdAt: Date.now() - 10 * 60_000 });
    await held(await acquire()).release();
  });

  it('a live owner holds it for exactly staleMs (120 s by default), and not a millisecond longer', async () => {
    const createdAt = Date.now();
    writeLock({ createdAt });
    expect(await acquire({ now: () => createdAt + 120_000 })).toMatchObject({ ok: false, owner: { token: 'other-token' } });
    await held(await acquire({ now: () => createdAt + 120_001 })).release();
  });

  it('an owner that is provably gone loses it at once', async () => {
    writeLock({ pid: GONE_PID });
    await held(await acquire()).release();
  });
});

describe.runIf(hasProc)('procStart: proc(5) field 22, the start time in clock ticks after boot', () => {
  it("matches this process's start as the uptimes give it (USER_HZ = 100 ticks a second on Linux)", () => {
    const startedSecondsAfterBoot = uptime() - process.uptime();
    const start = procStart(process.pid);
    expect(start).toMatch(/^\d+$/);
    expect(Math.abs(Number(start) / 100 - startedSecondsAfterBoot)).toBeLessThan(2);
  });

  it('is null for a pid that does not exist', () => {
    expect(procStart(GONE_PID)).toBeNull();
  });
});

describe('the takeover guard', () => {
  it('left by a taker that died after removing the lock, it does not keep a free lock from being taken', async () => {
    writeFileSync(guardPath(), '');
    await held(await acquire()).release();
  });

  it('while fresh, another taker is at work: a dead lock is refused, for the full 10 s of the guard', async () => {
    writeLock({ pid: GONE_PID });
    writeFileSync(guardPath(), '');
    expect((await acquire()).ok).toBe(false);
    expect((await acquire()).ok).toBe(false);
    // Exactly 10 s old (whole seconds, so the file's time is exact): still respected.
    const guardTime = Math.floor(Date.now() / 1_000) * 1_000 - 60_000;
    utimesSync(guardPath(), guardTime / 1_000, guardTime / 1_000);
    const atGrace = (): number => guardTime + 10_000;
    expect((await acquire({ now: atGrace })).ok).toBe(false);
    expect((await acquire({ now: atGrace })).ok).toBe(false);
    expect(existsSync(guardPath())).toBe(true);
  });

  it('older than 10 s, its taker died: it is cleared and the dead lock is taken over by the next attempt', async () => {
    writeLock({ pid: GONE_PID });
    writeFileSync(guardPath(), '');
    age(guardPath(), 11_000);
    const first = await acquire();
    const lock = first.ok ? first.lock : held(await acquire());
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('a takeover leaves no guard behind: the next dead lock is taken over at once', async () => {
    for (let i = 0; i < 3; i++) {
      writeLock({ pid: GONE_PID });
      await held(await acquire()).release();
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});

describe('a lock that changes between our reads', () => {
  it('released by its owner just as we look: taken', async () => {
    writeLock();
    const lock = held(await acquire({ now: clockThatOn(2, () => unlinkSync(lockPath())) }));
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('judged dead, then removed before we take it over: taken', async () => {
    writeLock({ pid: GONE_PID });
    await held(await acquire({ now: clockThatOn(3, () => unlinkSync(lockPath())) })).release();
  });

  it('judged dead, then replaced by a live owner before we take it over: left to that owner', async () => {
    writeLock({ pid: GONE_PID });
    const attempt = await acquire({ now: clockThatOn(3, () => writeLock({ token: 'new-owner' })) });
    expect(attempt).toMatchObject({ ok: false, owner: { pid: process.pid, token: 'new-owner' } });
    expect(JSON.parse(readFileSync(lockPath(), 'utf8'))).toMatchObject({ token: 'new-owner' });
  });
});

describe('failures are errors, not "held by another"', () => {
  it('a lock file that cannot be created (name too long for the filesystem)', async () => {
    await expect(acquire({ name: `close-testnet-0xabc-${'X'.repeat(300)}` })).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
  });

  // As root, permissions do not stop the create: only another user can see this refusal.
  it.runIf(process.getuid?.() !== 0)('a lock dir this user may read but not write', async () => {
    chmodSync(dir, 0o500);
    try {
      await expect(acquire()).rejects.toMatchObject({ code: 'EACCES' });
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it('a directory where the lock file should be', async () => {
    mkdirSync(lockPath());
    await expect(acquire()).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('release', () => {
  it('of a lock whose file is already gone, or was emptied, resolves and removes nothing else', async () => {
    const gone = held(await acquire());
    unlinkSync(lockPath());
    await expect(gone.release()).resolves.toBeUndefined();
    expect(existsSync(lockPath())).toBe(false);

    const emptied = held(await acquire());
    writeFileSync(lockPath(), '');
    await expect(emptied.release()).resolves.toBeUndefined();
    expect(readFileSync(lockPath(), 'utf8')).toBe('');
  });
});

describe.runIf(hasProc)('file descriptors', () => {
  it('taking, refusing, taking over and releasing locks leaves none open', async () => {
    const open = (): number => readdirSync('/proc/self/fd').length;
    const before = open();
    const mine = held(await acquire());
    expect((await acquire()).ok).toBe(false);
    await mine.release();
    writeLock({ pid: GONE_PID });
    await held(await acquire()).release();
    expect(open()).toBe(before);
  });
});
