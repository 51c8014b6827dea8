/** The record format (DESIGN.md "Record format") read and written, and the replay's recorded time. */
import { describe, expect, it } from 'vitest';
import { formatRecord, parseRecord, type RecordEntry } from '../../src/record/format.js';
import { ReplayClock } from '../../src/record/replay-clock.js';

describe('record format', () => {
  const labels = { t: 1_700_000_000_123.5, venue: 'binance', symbol: 'BTC' };

  it('writes each kind as DESIGN.md spells it, and reads it back', () => {
    const entries: RecordEntry[] = [
      { ...labels, kind: 'connect', url: 'wss://stream.binance.com:9443/ws/btcusdt@depth@100ms' },
      { ...labels, kind: 'frame', frame: '{"e":"depthUpdate"}', out: false },
      { ...labels, kind: 'frame', frame: '{"method":"ping"}', out: true },
      { ...labels, kind: 'frame', frame: new Uint8Array([0x1f, 0x8b, 0x00, 0xff]), out: false },
      { ...labels, kind: 'rest', url: 'https://api.binance.com/api/v3/depth?symbol=BTCUSDT', body: '{"lastUpdateId":1}', status: 200 },
      { ...labels, kind: 'rest', url: 'https://api.binance.com/api/v3/depth?symbol=NOPE', body: '{"code":-1121}', status: 400 },
    ];
    const lines = entries.map(formatRecord);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { ...labels, connect: 'wss://stream.binance.com:9443/ws/btcusdt@depth@100ms' },
      { ...labels, frame: '{"e":"depthUpdate"}' },
      { ...labels, frame: '{"method":"ping"}', dir: 'out' },
      { ...labels, frame64: 'H4sA/w==' },
      { ...labels, url: 'https://api.binance.com/api/v3/depth?symbol=BTCUSDT', body: '{"lastUpdateId":1}' },
      { ...labels, url: 'https://api.binance.com/api/v3/depth?symbol=NOPE', body: '{"code":-1121}', status: 400 },
    ]);
    expect(lines.map(parseRecord)).toEqual(entries.map((entry) => ({ ok: true, entry })));
  });

  it('says what is wrong with a line that is not a record', () => {
    expect(parseRecord('{"t":1,"venue":"binance"')).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
    expect(parseRecord('[1,2]')).toEqual({ ok: false, error: 'not a JSON object' });
    expect(parseRecord('{"venue":"binance","symbol":"BTC","frame":"x"}')).toEqual({ ok: false, error: '"t" is not a time' });
    expect(parseRecord('{"t":1,"symbol":"BTC","frame":"x"}')).toEqual({ ok: false, error: '"venue" is missing' });
    expect(parseRecord('{"t":1,"venue":"binance","symbol":"BTC"}')).toEqual({ ok: false, error: 'neither a frame, a REST answer nor a connection' });
  });
});

describe('replay clock', () => {
  it('fires timers in time order as the recording passes them, never by the wall clock', () => {
    const clock = new ReplayClock(1_000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 50);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 20);
    const every = clock.setInterval(() => fired.push(`tick@${clock.now()}`), 30);
    const cancelled = clock.setTimeout(() => fired.push('never'), 10);
    clock.clear(cancelled);
    clock.advanceTo(1_040);
    expect(fired).toEqual(['a@1020', 'tick@1030']);
    expect(clock.now()).toBe(1_040);
    clock.advanceTo(1_030);
    expect(clock.now()).toBe(1_040);
    clock.clear(every);
    clock.advanceTo(2_000);
    expect(fired).toEqual(['a@1020', 'tick@1030', 'b@1050']);
    expect(clock.fireNext()).toBe(false);
  });

  it('runs the next timer however far ahead, for a feed the recording disconnected', () => {
    const clock = new ReplayClock(0);
    let reconnected = false;
    clock.setTimeout(() => (reconnected = true), 30_000);
    expect(clock.fireNext()).toBe(true);
    expect(reconnected).toBe(true);
    expect(clock.now()).toBe(30_000);
  });
});
