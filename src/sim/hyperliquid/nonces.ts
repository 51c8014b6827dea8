/**
 * Nonce rules, per signer (docs "Nonces and API wallets", "Hyperliquid L1 nonces"):
 * - the 100 highest nonces are stored per signer; a new one must be larger than the smallest in
 *   that set and never used before;
 * - it must lie within (T - 2 days, T + 1 day), T the block's unix-millisecond time;
 * - the signer is the agent (API wallet) when an agent signs, not the account it trades for.
 * The error texts are not in the docs; they are the exchange's replies as captured by SDK users
 * ("Invalid nonce: duplicate nonce N", "Invalid nonce: nonce too low N < M",
 * "Invalid nonce: nonce too high N > M").
 */
const KEPT = 100;
const DAY_MS = 86_400_000;

/** The time-window check, which needs no signer; undefined when the nonce is in the window. */
export function nonceWindowError(nonce: number, now: number): string | undefined {
  const oldest = now - 2 * DAY_MS;
  const newest = now + DAY_MS;
  if (nonce <= oldest) return `Invalid nonce: nonce too low ${nonce} < ${oldest}`;
  if (nonce >= newest) return `Invalid nonce: nonce too high ${nonce} > ${newest}`;
  return undefined;
}

export class NonceBook {
  /** signer -> its highest nonces, ascending. */
  private readonly sets = new Map<string, number[]>();

  /** Why `nonce` is refused for `signer`, or undefined when it is usable. */
  check(signer: string, nonce: number): string | undefined {
    const set = this.sets.get(signer) ?? [];
    if (set.includes(nonce)) return `Invalid nonce: duplicate nonce ${nonce}`;
    const smallest = set[0];
    if (set.length >= KEPT && smallest !== undefined && nonce < smallest) {
      return `Invalid nonce: nonce too low ${nonce} < ${smallest}`;
    }
    return undefined;
  }

  /** Record an accepted nonce (call only after check() passed). */
  use(signer: string, nonce: number): void {
    const set = this.sets.get(signer) ?? [];
    const at = set.findIndex((n) => n > nonce);
    set.splice(at < 0 ? set.length : at, 0, nonce);
    if (set.length > KEPT) set.shift();
    this.sets.set(signer, set);
  }
}
