/**
 * Which Hyperliquid: mainnet or testnet. One flag (`--testnet`) decides both API hosts and the
 * signing source, so they can never disagree. The Python SDK instead signs as testnet for any base
 * URL other than the exact mainnet one (exchange.py: `self.base_url == MAINNET_API_URL`); depthmux
 * decides from its own flag, never from comparing URLs, so a simulator URL can sign either way.
 *
 * Hosts: hyperliquid-python-sdk hyperliquid/utils/constants.py (MAINNET_API_URL, TESTNET_API_URL);
 * WebSocket path: docs "For developers > API > Websocket" (wss://api.hyperliquid.xyz/ws).
 */

export type HyperliquidNetwork = 'mainnet' | 'testnet';

export interface HyperliquidEndpoints {
  readonly network: HyperliquidNetwork;
  /** Base of POST /info and POST /exchange, without a trailing slash. */
  readonly api: string;
  readonly ws: string;
  /** Phantom-agent source: "a" on mainnet, "b" on testnet (signing.ts phantomAgent). */
  readonly isMainnet: boolean;
}

const HOSTS: Record<HyperliquidNetwork, string> = {
  mainnet: 'https://api.hyperliquid.xyz',
  testnet: 'https://api.hyperliquid-testnet.xyz',
};

/** The production endpoints of a network; `override` points them elsewhere (a simulator, a proxy)
 * without changing how actions are signed. A user stream not given lives on the API's host. */
export function hyperliquidEndpoints(
  network: HyperliquidNetwork,
  override?: { readonly api?: string; readonly ws?: string },
): HyperliquidEndpoints {
  const api = (override?.api ?? HOSTS[network]).replace(/\/+$/, '');
  const ws = override?.ws ?? `${api.replace(/^http/, 'ws')}/ws`;
  return { network, api, ws, isMainnet: network === 'mainnet' };
}
