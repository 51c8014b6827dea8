/**
 * Cross-process close lock: one file per (network, account, coin), so two depthmux processes can
 * never close the same position at once. Taken with O_CREAT|O_EXCL (atomic on local filesystems),
 * it holds the owner's pid, process start time, host and a random token.
 *
 * A lock is taken over when its owner is gone (pid dead, or the pid now belongs to a process that
 * started at another time) or when it is older than `staleMs` (no close takes that long). Takeover
 * is serialised by a second O_EXCL file (`.takeover`): whoever holds it re-reads the lock, removes
 * it only if it is still the one judged dead, then competes for the lock with a plain O_EXCL create
 * like everyone else, so a live owner's lock is never removed.
 *
 * Process start time: field 22 (starttime) of /proc/<pid>/stat (proc(5)), compared as text. Where
 * /proc does not exist, pid liveness and age decide.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isRecord } from '../wire/json.js';
import { ensureDir } from './state-dir.js';

export interface LockOwner {
  readonly pid: number;
  /** /proc starttime of the owner, or null where unknown. */
  readonly procStart: string | null;
  readonly host: string;
  readonly createdAt: number;
  readonly token: string;
}

export type LockAttempt = { readonly ok: true; readonly lock: CloseLock } | { readonly ok: false; readonly owner: LockOwner | undefined };

export interface LockOptions {
  readonly dir: string;
  /** network-account-coin; anything outside [A-Za-z0-9._-] becomes "_". */
  readonly name: string;
  readonly staleMs?: number;
  readonly now?: () => number;
}

const DEFAULT_LOCK_STALE_MS = 120_000;
/** A lock file still empty this long after its creation belongs to a process that died writing it. */
const UNWRITTEN_GRACE_MS = 5_000;
const TAKEOVER_GRACE_MS = 10_000;

export class CloseLock {
  private released = false;

  private constructor(
    readonly path: string,
    private readonly token: string,
  ) {}

  static async acquire(options: LockOptions): Promise<LockAttempt> {
    const now = options.now ?? Date.now;
    await ensureDir(options.dir);
    const path = join(options.dir, `${options.name.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
    const me: LockOwner = { pid: process.pid, procStart: procStart(process.pid), host: hostname(), createdAt: now(), token: randomBytes(16).toString('hex') };
    if (await createExclusive(path, me)) return { ok: true, lock: new CloseLock(path, me.token) };
    const judged = await readOwner(path, now());
    if (judged.state === 'held') return { ok: false, owner: judged.owner };
    if (!(await takeOver(path, judged.token, now()))) {
      return { ok: false, owner: (await readOwner(path, now())).owner };
    }
    if (await createExclusive(path, me)) return { ok: true, lock: new CloseLock(path, me.token) };
    return { ok: false, owner: (await readOwner(path, now())).owner };

    async function readOwner(file: string, at: number): Promise<Judgement> {
      return judge(await readLock(file), at, options.staleMs ?? DEFAULT_LOCK_STALE_MS);
    }
  }

  /** Removes the lock if it is still ours (a taken-over lock is someone else's now). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const read = await readLock(this.path);
    if (read.kind === 'owner' && read.owner.token === this.token) await unlinkQuietly(this.path);
  }
}

type LockRead = { kind: 'missing' } | { kind: 'owner'; owner: LockOwner } | { kind: 'unwritten'; ageMs: number };
type Judgement = { state: 'held'; owner: LockOwner | undefined } | { state: 'dead'; owner: LockOwner | undefined; token: string | undefined };

function judge(read: LockRead, now: number, staleMs: number): Judgement {
  switch (read.kind) {
    case 'missing':
      return { state: 'dead', owner: undefined, token: undefined };
    case 'unwritten':
      return read.ageMs > UNWRITTEN_GRACE_MS ? { state: 'dead', owner: undefined, token: undefined } : { state: 'held', owner: undefined };
    case 'owner': {
      const { owner } = read;
      const gone = now - owner.createdAt > staleMs || !ownerAlive(owner);
      return gone ? { state: 'dead', owner, token: owner.token } : { state: 'held', owner };
    }
  }
}

async function takeOver(path: string, deadToken: string | undefined, now: number): Promise<boolean> {
  const guard = `${path}.takeover`;
  const handle = await openExclusive(guard);
  if (!handle) {
    const age = await ageOf(guard, now);
    if (age !== undefined && age > TAKEOVER_GRACE_MS) await unlinkQuietly(guard); // its taker died mid-takeover
    return false;
  }
  try {
    const read = await readLock(path);
    const token = read.kind === 'owner' ? read.owner.token : undefined;
    if (read.kind !== 'missing' && token !== deadToken) return false; // replaced meanwhile: not ours to judge
    if (read.kind !== 'missing') await unlinkQuietly(path);
    return true;
  } finally {
    await handle.close();
    await unlinkQuietly(guard);
  }
}

async function createExclusive(path: string, owner: LockOwner): Promise<boolean> {
  const handle = await openExclusive(path);
  if (!handle) return false;
  try {
    await handle.writeFile(`${JSON.stringify(owner)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function openExclusive(path: string): Promise<Awaited<ReturnType<typeof open>> | undefined> {
  try {
    return await open(path, 'wx', 0o600);
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return undefined;
    throw err;
  }
}

async function readLock(path: string): Promise<LockRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  const owner = parseOwner(text);
  if (owner) return { kind: 'owner', owner };
  const age = await ageOf(path, Date.now());
  return age === undefined ? { kind: 'missing' } : { kind: 'unwritten', ageMs: age };
}

function parseOwner(text: string): LockOwner | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { pid, procStart: start, host, createdAt, token } = value;
  if (!Number.isSafeInteger(pid) || typeof host !== 'string' || typeof createdAt !== 'number' || typeof token !== 'string') return undefined;
  return { pid: pid as number, procStart: typeof start === 'string' ? start : null, host, createdAt, token };
}

/** Alive unless provably gone. On another host nothing is provable: only age takes it over. */
function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if (codeOf(err) === 'ESRCH') return false;
  }
  const start = procStart(owner.pid);
  return owner.procStart === null || start === null || start === owner.procStart;
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and ")", so count from the last ")". */
export function procStart(pid: number): string | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

async function ageOf(path: string, now: number): Promise<number | undefined> {
  try {
    return now - (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function unlinkQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if (codeOf(err) !== 'ENOENT') throw err;
  }
}

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}
