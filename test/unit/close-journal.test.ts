/**
 * The close journal on its own: what it reads back as unfinished (an intent with no outcome) from
 * a file that a crash, another version or a hand edit may have left with lines that are not its
 * records, and what each write leaves on disk — one record per line, nothing else, no file
 * descriptor held.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseJournal, JOURNAL_FILE, type CloseIntent } from '../../src/hyperliquid/close-journal.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'depthmux-journal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const INTENT: CloseIntent = {
  cloid: `0x${'ab'.repeat(16)}`,
  network: 'testnet',
  account: '0x00000000000000000000000000000000000000a1',
  signer: '0x00000000000000000000000000000000000000b2',
  coin: 'BTC',
  side: 'sell',
  size: '0.5',
  price: '60000',
  nonce: 1_700_000_000_000,
  expiresAfter: 1_700_000_015_000,
};

/** An intent line as the journal writes it, with `changes` applied (undefined removes a field). */
function intentLine(changes: Record<string, unknown>): string {
  const record: Record<string, unknown> = { t: 1, event: 'intent', pid: 1, ...INTENT, cloid: `0x${'cd'.repeat(16)}`, ...changes };
  for (const key of Object.keys(changes)) if (changes[key] === undefined) delete record[key];
  return JSON.stringify(record);
}

describe('unfinished()', () => {
  it('no journal yet: nothing unfinished', async () => {
    expect(await new CloseJournal(join(dir, 'never-written')).unfinished()).toEqual([]);
  });

  it('a journal that cannot be read is an error, not "nothing unfinished"', async () => {
    mkdirSync(join(dir, JOURNAL_FILE));
    await expect(new CloseJournal(dir).unfinished()).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('an intent with no outcome is unfinished, exactly as written; its outcome finishes it', async () => {
    const journal = new CloseJournal(dir, () => 5);
    await journal.intent(INTENT);
    expect(await journal.unfinished()).toEqual([INTENT]);
    await journal.outcome({ cloid: INTENT.cloid, coin: 'BTC', result: 'closed', message: 'BTC long closed' });
    expect(await journal.unfinished()).toEqual([]);
  });

  // Lines that are not an intent record: read as one, a close that never happened would be
  // looked up at start, or a malformed one would crash the look-up.
  const notIntents: Array<[string, string]> = [
    ['a torn line', intentLine({}).slice(0, 40)],
    ['JSON that is not an object', '["intent"]'],
    ['no cloid', intentLine({ cloid: undefined })],
    ['a cloid that is not text', intentLine({ cloid: 12 })],
    ['another event', intentLine({ event: 'note' })],
    ['no event', intentLine({ event: undefined })],
    ...['network', 'account', 'signer', 'coin', 'size', 'price'].flatMap((key): Array<[string, string]> => [
      [`no ${key}`, intentLine({ [key]: undefined })],
      [`a ${key} that is not text`, intentLine({ [key]: 1 })],
    ]),
    ['a side that is neither buy nor sell', intentLine({ side: 'hold' })],
    ['no side', intentLine({ side: undefined })],
    ['a nonce that is not a number', intentLine({ nonce: '1700000000000' })],
    ['an expiry that is not a number', intentLine({ expiresAfter: '1700000015000' })],
  ];

  it.each(notIntents)('skips %s', async (_what, line) => {
    writeFileSync(join(dir, JOURNAL_FILE), `${line}\n${JSON.stringify({ t: 1, event: 'intent', pid: 1, ...INTENT })}\n`);
    expect(await new CloseJournal(dir).unfinished()).toEqual([INTENT]);
  });

  it('reads both sides of a buy and a sell', async () => {
    const buy = { ...INTENT, cloid: `0x${'ef'.repeat(16)}`, side: 'buy' as const };
    const journal = new CloseJournal(dir);
    await journal.intent(INTENT);
    await journal.intent(buy);
    expect(await journal.unfinished()).toEqual([INTENT, buy]);
  });

  it('an outcome line without a cloid finishes nothing', async () => {
    writeFileSync(join(dir, JOURNAL_FILE), `${JSON.stringify({ t: 1, event: 'intent', pid: 1, ...INTENT })}\n${JSON.stringify({ t: 2, event: 'outcome', coin: 'BTC' })}\n`);
    expect(await new CloseJournal(dir).unfinished()).toEqual([INTENT]);
  });
});

describe('what a write leaves on disk', () => {
  it('a new journal holds one record per line and nothing else', async () => {
    const journal = new CloseJournal(dir, () => 5);
    await journal.intent(INTENT);
    await journal.outcome({ cloid: INTENT.cloid, coin: 'BTC', result: 'closed', message: 'done' });
    const text = readFileSync(journal.path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as { event: string })).toMatchObject([{ event: 'intent', t: 5 }, { event: 'outcome', t: 5 }]);
  });

  it('after a torn last line, the next record starts on a line of its own', async () => {
    writeFileSync(join(dir, JOURNAL_FILE), '{"t":1,"event":"intent","cloid":"0x');
    const journal = new CloseJournal(dir);
    await journal.intent(INTENT);
    expect(readFileSync(journal.path, 'utf8').split('\n')).toEqual(['{"t":1,"event":"intent","cloid":"0x', expect.stringMatching(/^\{.*\}$/), '']);
    expect(await journal.unfinished()).toEqual([INTENT]);
  });

  it.runIf(existsSync('/proc/self/fd'))('keeps no file descriptor open', async () => {
    const open = (): number => readdirSync('/proc/self/fd').length;
    const journal = new CloseJournal(dir);
    const before = open();
    for (let i = 0; i < 5; i++) await journal.intent({ ...INTENT, nonce: INTENT.nonce + i });
    await journal.unfinished();
    expect(open()).toBe(before);
  });
});
