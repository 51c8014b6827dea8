/**
 * What a close came to, as a discriminated union, each with the one line the user reads. Exchange
 * error text is passed through exactly as the exchange wrote it.
 */

export type CloseResult =
  /** The order filled (wholly or in part); `remaining` is what is still open afterwards. */
  | { readonly kind: 'closed'; readonly coin: string; readonly cloid: string; readonly filledSz: string; readonly avgPx: string; readonly remaining: string; readonly message: string }
  /** Nothing to close: flat before sending, or the exchange said the position is gone. */
  | { readonly kind: 'already-closed'; readonly coin: string; readonly message: string }
  /** This process is closing the coin right now. */
  | { readonly kind: 'already-closing'; readonly coin: string; readonly message: string }
  /** Another process holds the coin's close lock. */
  | { readonly kind: 'locked-by-other'; readonly coin: string; readonly pid: number | undefined; readonly message: string }
  /** The exchange refused the order; `exchangeMessage` is its text, verbatim. */
  | { readonly kind: 'rejected'; readonly coin: string; readonly cloid: string; readonly exchangeMessage: string; readonly message: string }
  /** No answer came; what happened was found out by cloid and by re-reading the position. */
  | {
      readonly kind: 'unknown-reconciled';
      readonly coin: string;
      readonly cloid: string;
      /** orderStatus's status, or undefined if the exchange never heard of the cloid. */
      readonly orderStatus: string | undefined;
      readonly filledSz: string | undefined;
      /** Open size after, or undefined if the position could not be read either. */
      readonly remaining: string | undefined;
      readonly message: string;
    }
  | { readonly kind: 'no-key'; readonly coin: string; readonly message: string }
  /** Stopped before any order was sent (position, prices or journal unavailable). */
  | { readonly kind: 'not-sent'; readonly coin: string; readonly message: string };

export const NO_KEY_HINT = 'close disabled: set HYPERLIQUID_PRIVATE_KEY or pass --hl-key-file PATH';

/** "Reduce only order would increase position." (docs "Error responses"; real texts end in " asset=N"). */
export const REDUCE_ONLY_REJECTION = 'Reduce only order would increase position';

/** An action whose `expiresAfter` has passed by the exchange's clock (docs "Exchange endpoint": expiresAfter). */
export const EXPIRED_REJECTION = 'Action already expired';
