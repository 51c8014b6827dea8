/**
 * The Hyperliquid side of depthmux assembled: account and key from flags/env (checked before the
 * first render), then one session that owns the info client, the positions model (with its user
 * stream) and the closer. The session's close() ends all of them.
 */
import { ExchangeClient } from './exchange-client.js';
import { InfoClient } from './info-client.js';
import { KeySourceError, loadSigner, resolveAccount, type ResolvedAccount, type Signer } from './key-source.js';
import { hyperliquidEndpoints, type HyperliquidEndpoints, type HyperliquidNetwork } from './network.js';
import { PositionCloser } from './position-closer.js';
import { NO_KEY_HINT } from './close-result.js';
import { PositionsModel } from './positions.js';
import { defaultStateDir } from './state-dir.js';

export { KeySourceError };
export type { CloseResult } from './close-result.js';
export type { ClosePreview, PositionRow, PositionsView } from './positions-view.js';

export interface HyperliquidFlags {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --hl-address */
  readonly address?: string;
  /** --hl-key-file */
  readonly keyFile?: string;
  /** --testnet */
  readonly testnet?: boolean;
}

export interface HyperliquidSetup {
  readonly network: HyperliquidNetwork;
  /** undefined: no address configured (the pane says how to set one). */
  readonly account: ResolvedAccount | undefined;
  /** undefined: no key (closing disabled). */
  readonly signer: Signer | undefined;
}

/** Validates flags and env; call while parsing the config. @throws KeySourceError */
export function hyperliquidSetup(flags: HyperliquidFlags): HyperliquidSetup {
  const signer = loadSigner({ env: flags.env, keyFile: flags.keyFile });
  const account = resolveAccount({ env: flags.env, address: flags.address, signer });
  return { network: flags.testnet ? 'testnet' : 'mainnet', account, signer };
}

export interface SessionOptions {
  /** Defaults to $XDG_STATE_HOME/depthmux or ~/.local/state/depthmux. */
  readonly stateDir?: string;
  /** Point the API or the user stream elsewhere (--demo, --endpoint); signing still follows `setup.network`. */
  readonly endpoints?: { readonly api?: string; readonly ws?: string };
  readonly slippage?: number;
  readonly onProgress?: (coin: string, message: string) => void;
}

export class HyperliquidSession {
  readonly endpoints: HyperliquidEndpoints;
  readonly model: PositionsModel | undefined;
  readonly closer: PositionCloser | undefined;
  private readonly info: InfoClient;

  constructor(
    readonly setup: HyperliquidSetup,
    options: SessionOptions = {},
  ) {
    this.endpoints = hyperliquidEndpoints(setup.network, options.endpoints);
    this.info = new InfoClient({ api: this.endpoints.api });
    const account = setup.account;
    this.model = account && new PositionsModel({ account: account.address, network: setup.network, info: this.info, wsUrl: this.endpoints.ws });
    const exchange = setup.signer && new ExchangeClient({ api: this.endpoints.api, signer: setup.signer, isMainnet: this.endpoints.isMainnet });
    this.closer =
      account &&
      new PositionCloser({
        account: account.address,
        network: setup.network,
        info: this.info,
        exchange,
        stateDir: options.stateDir ?? defaultStateDir(),
        slippage: options.slippage,
        onProgress: options.onProgress,
      });
  }

  /** The standing hint for the pane: why closing is off, or undefined when it is on. */
  get closeHint(): string | undefined {
    return this.setup.account && !this.setup.signer ? NO_KEY_HINT : undefined;
  }

  start(): void {
    this.model?.start();
  }

  close(): void {
    this.model?.close();
    this.info.close();
  }
}
