import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  actionHash,
  addressFromPrivateKey,
  floatToIntForHashing,
  floatToWire,
  orderAction,
  phantomAgent,
  recoverSignerAddress,
  signL1Action,
  type L1Action,
  type L1Signature,
  type OrderWire,
} from '../../src/hyperliquid/signing.js';

// The key every test in hyperliquid-dex/hyperliquid-python-sdk tests/signing_test.py signs with.
const SDK_KEY = '0x0123456789012345678901234567890123456789012345678901234567890123';

// The Python SDK writes r and s without leading zeros; ours are padded. Compare as integers.
function expectSignature(actual: L1Signature, expected: L1Signature): void {
  expect(actual.r).toMatch(/^0x[0-9a-f]{64}$/);
  expect(actual.s).toMatch(/^0x[0-9a-f]{64}$/);
  expect({ r: BigInt(actual.r), s: BigInt(actual.s), v: actual.v }).toEqual({
    r: BigInt(expected.r),
    s: BigInt(expected.s),
    v: expected.v,
  });
}

function signBoth(action: L1Action, vaultAddress: string | null = null) {
  const sign = (isMainnet: boolean) => signL1Action({ privateKey: SDK_KEY, action, vaultAddress, nonce: 0, isMainnet });
  return { mainnet: sign(true), testnet: sign(false) };
}

// order_request_to_order_wire(...) for {"coin": "ETH", "is_buy": True, "sz": 100, "limit_px": 100,
// "reduce_only": False, ...} at asset 1, as in the SDK tests below.
const ETH_BUY_100: OrderWire = { a: 1, b: true, p: floatToWire(100), s: floatToWire(100), r: false, t: { limit: { tif: 'Gtc' } } };

describe('Python SDK vectors (hyperliquid-dex/hyperliquid-python-sdk, tests/signing_test.py)', () => {
  // test_phantom_agent_creation_matches_production
  it('phantom agent connectionId matches production', () => {
    const wire: OrderWire = {
      a: 4,
      b: true,
      p: floatToWire(1670.1),
      s: floatToWire(0.0147),
      r: false,
      t: { limit: { tif: 'Ioc' } },
    };
    const agent = phantomAgent(actionHash(orderAction([wire]), null, 1677777606040), true);
    expect(agent.source).toBe('a');
    expect(`0x${bytesToHex(agent.connectionId)}`).toBe(
      '0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908',
    );
  });

  // test_l1_action_signing_matches
  it('dummy action, mainnet and testnet', () => {
    const sig = signBoth({ type: 'dummy', num: Number(floatToIntForHashing(1000)) });
    expectSignature(sig.mainnet, {
      r: '0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298',
      s: '0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8',
      v: 27,
    });
    expectSignature(sig.testnet, {
      r: '0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510',
      s: '0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613',
      v: 28,
    });
  });

  // test_l1_action_signing_order_matches
  it('order action', () => {
    const sig = signBoth(orderAction([ETH_BUY_100]));
    expectSignature(sig.mainnet, {
      r: '0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e',
      s: '0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e',
      v: 28,
    });
    expectSignature(sig.testnet, {
      r: '0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54',
      s: '0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5',
      v: 27,
    });
  });

  // test_l1_action_signing_order_with_cloid_matches
  it('order action with cloid', () => {
    const sig = signBoth(orderAction([{ ...ETH_BUY_100, c: '0x00000000000000000000000000000001' }]));
    expectSignature(sig.mainnet, {
      r: '0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3',
      s: '0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da',
      v: 27,
    });
    expectSignature(sig.testnet, {
      r: '0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d',
      s: '0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988',
      v: 28,
    });
  });

  // test_l1_action_signing_matches_with_vault
  it('dummy action with vault address', () => {
    const sig = signBoth({ type: 'dummy', num: Number(floatToIntForHashing(1000)) }, '0x1719884eb866cb12b2287399b15f7db5e7d775ea');
    expectSignature(sig.mainnet, {
      r: '0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239',
      s: '0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c',
      v: 28,
    });
    expectSignature(sig.testnet, {
      r: '0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b',
      s: '0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60',
      v: 27,
    });
  });

  // test_l1_action_signing_tpsl_order_matches
  it('trigger (stop-loss) order action', () => {
    const trigger = { trigger: { isMarket: true, triggerPx: floatToWire(103), tpsl: 'sl' } } as const;
    const sig = signBoth(orderAction([{ ...ETH_BUY_100, t: trigger }]));
    expectSignature(sig.mainnet, {
      r: '0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9',
      s: '0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405',
      v: 27,
    });
    expectSignature(sig.testnet, {
      r: '0x971c554d917c44e0e1b6cc45d8f9404f32172a9d3b3566262347d0302896a2e4',
      s: '0x206257b104788f80450f8e786c329daa589aa0b32ba96948201ae556d5637eac',
      v: 28,
    });
  });

  // test_create_sub_account_action, test_sub_account_transfer_action, test_schedule_cancel_action
  it.each([
    {
      action: { type: 'createSubAccount', name: 'example' },
      mainnet: { r: '0x51096fe3239421d16b671e192f574ae24ae14329099b6db28e479b86cdd6caa7', s: '0xb71f7d293af92d3772572afb8b102d167a7cef7473388286bc01f52a5c5b423', v: 27 },
      testnet: { r: '0xa699e3ed5c2b89628c746d3298b5dc1cca604694c2c855da8bb8250ec8014a5b', s: '0x53f1b8153a301c72ecc655b1c315d64e1dcea3ee58921fd7507e35818fcc1584', v: 28 },
    },
    {
      action: { type: 'subAccountTransfer', subAccountUser: '0x1d9470d4b963f552e6f671a81619d395877bf409', isDeposit: true, usd: 10 },
      mainnet: { r: '0x43592d7c6c7d816ece2e206f174be61249d651944932b13343f4d13f306ae602', s: '0x71a926cb5c9a7c01c3359ec4c4c34c16ff8107d610994d4de0e6430e5cc0f4c9', v: 28 },
      testnet: { r: '0xe26574013395ad55ee2f4e0575310f003c5bb3351b5425482e2969fa51543927', s: '0xefb08999196366871f919fd0e138b3a7f30ee33e678df7cfaf203e25f0a4278', v: 28 },
    },
    {
      action: { type: 'scheduleCancel' },
      mainnet: { r: '0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9', s: '0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0', v: 27 },
      testnet: { r: '0xc75bb195c3f6a4e06b7d395acc20bbb224f6d23ccff7c6a26d327304e6efaeed', s: '0x342f8ede109a29f2c0723bd5efb9e9100e3bbb493f8fb5164ee3d385908233df', v: 28 },
    },
    {
      action: { type: 'scheduleCancel', time: 123456789 },
      mainnet: { r: '0x609cb20c737945d070716dcc696ba030e9976fcf5edad87afa7d877493109d55', s: '0x16c685d63b5c7a04512d73f183b3d7a00da5406ff1f8aad33f8ae2163bab758b', v: 28 },
      testnet: { r: '0x4e4f2dbd4107c69783e251b7e1057d9f2b9d11cee213441ccfa2be63516dc5bc', s: '0x706c656b23428c8ba356d68db207e11139ede1670481a9e01ae2dfcdb0e1a678', v: 27 },
    },
  ])('$action.type $action', ({ action, mainnet, testnet }) => {
    const sig = signBoth(action);
    expectSignature(sig.mainnet, mainnet);
    expectSignature(sig.testnet, testnet);
  });

  // test_float_to_int_for_hashing
  it('floatToIntForHashing', () => {
    expect(floatToIntForHashing(123123123123)).toBe(12312312312300000000n);
    expect(floatToIntForHashing(0.00001231)).toBe(1231n);
    expect(floatToIntForHashing(1.033)).toBe(103300000n);
    expect(() => floatToIntForHashing(0.000012312312)).toThrow(RangeError);
  });
});

// nktkas/hyperliquid (community TypeScript SDK), tests/signing/mod.test.ts at commit
// 1bd7b749a9e7f3933d9235244d38f8c8494c9a39: the only published vectors with expiresAfter.
describe('expiresAfter vectors (nktkas/hyperliquid, tests/signing/mod.test.ts)', () => {
  const key = '0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff';
  const action = orderAction([{ a: 0, b: true, p: '30000', s: '0.1', r: false, t: { limit: { tif: 'Gtc' } } }]);
  const nonce = 1234567890;
  const vault = '0x1234567890123456789012345678901234567890';
  const cases = [
    {
      name: 'no vault, no expiry', vault: null, expiresAfter: undefined,
      hash: '0x25367e0dba84351148288c2233cd6130ed6cec5967ded0c0b7334f36f957cc90',
      mainnet: { r: '0x61078d8ffa3cb591de045438a1ae2ed299b271891d1943a33901e7cfb3a31ed8', s: '0x0e91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9', v: 28 },
      testnet: { r: '0x6b0283a894d87b996ad0182b86251cc80d27d61ef307449a2ed249a508ded1f7', s: '0x6f884e79f4a0a10af62db831af6f8e03b3f11d899eb49b352f836746ee9226da', v: 27 },
    },
    {
      name: 'vault', vault, expiresAfter: undefined,
      hash: '0x214e2ea3270981b6fd18174216691e69f56872663139d396b10ded319cb4bb1e',
      mainnet: { r: '0x77151b3ae29b83c8affb3791568c6452019ba8c30019236003abb1efcd809433', s: '0x55668c02f6ad4a1c335ce99987b7545984c4edc1765fe52cf115a423dc8279bb', v: 27 },
      testnet: { r: '0x294a6cf713483c129be9af5c7450aca59c9082f391f02325715c0d04b7f48ac1', s: '0x119cfd947dcd2da1d1064a9d08bcf07e01fc9b72dd7cca69a988c74249e300f0', v: 27 },
    },
    {
      name: 'expiry', vault: null, expiresAfter: 1234567890,
      hash: '0xc30b002ba3775e4c31c43c1dfd3291dfc85c6ae06c6b9f393991de86cad5fac7',
      mainnet: { r: '0x162a52128fb58bc6adb783e3d36913c53127851144fc45c5603a51e97b9202fd', s: '0x469571eb0a2101a32f81f9584e15fd35c723a6089e106f4f33798dbccf7cd416', v: 28 },
      testnet: { r: '0x5094989a7c0317db6553f21dd7f90d43415e8bd01af03829de249d4ea0aa5f66', s: '0x491d04966e81662bd4e70d607fac30e71803c01733f4f66ff7299b0470675b8b', v: 27 },
    },
    {
      name: 'vault and expiry', vault, expiresAfter: 1234567890,
      hash: '0x2d62412aa0fc57441b5189841d81554a6a9680bf07204e1454983a9ca44f0744',
      mainnet: { r: '0x78fcca006d7fdfaf1f66978ef7a60280246fc3e7a5b39a68a1656c3e42c58bf1', s: '0x61a09957de7f0886c2bdffb7a94e3a257bf240796883ea6ceaf4d0be37055cdd', v: 27 },
      testnet: { r: '0x3a0bbbd9fadca54f58a2b7050899cecb97f68b2f693c63e91ca60510427326d7', s: '0x60f75f12cae7b9dc18b889406192afcaf13f40d2f8c68cc01f7f83f3fb5deb23', v: 27 },
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(`0x${bytesToHex(actionHash(action, c.vault, nonce, c.expiresAfter))}`).toBe(c.hash);
    const sign = (isMainnet: boolean) =>
      signL1Action({ privateKey: key, action, vaultAddress: c.vault, nonce, isMainnet, expiresAfter: c.expiresAfter });
    // These are padded like ours, so they also compare as strings.
    expect(sign(true)).toEqual(c.mainnet);
    expect(sign(false)).toEqual(c.testnet);
  });
});

describe('addressFromPrivateKey', () => {
  // ethereum/eth-account, eth_account/account.py, Account.from_key docstring.
  it('matches eth-account, lowercased', () => {
    expect(addressFromPrivateKey('0xb25c7db31feed9122727bf0939dc769a96564b2de4c4726d035b36ecf1e5b364')).toBe(
      '0x5ce9454909639d2d17a3f753ce7d93fa0b9ab12e',
    );
  });

  it('refuses a malformed key without echoing it', () => {
    expect(() => addressFromPrivateKey('0x1234deadbeef')).toThrow(/^private key must be 32 bytes of hex$/);
  });
});

describe('recoverSignerAddress', () => {
  const action = orderAction([ETH_BUY_100]);
  const signer = addressFromPrivateKey(SDK_KEY);

  it('recovers the signer for each network, vault and expiry', () => {
    for (const isMainnet of [true, false]) {
      for (const vaultAddress of [null, '0x1719884eb866cb12b2287399b15f7db5e7d775ea']) {
        for (const expiresAfter of [undefined, 1_700_000_000_000]) {
          const nonce = 1_700_000_000_123;
          const sig = signL1Action({ privateKey: SDK_KEY, action, vaultAddress, nonce, isMainnet, expiresAfter });
          expect(recoverSignerAddress(action, vaultAddress, nonce, isMainnet, sig, expiresAfter)).toBe(signer);
        }
      }
    }
  });

  it('accepts Python-style unpadded r and s', () => {
    // test_l1_action_signing_order_with_cloid_matches, mainnet: r has 63 hex digits.
    const withCloid = orderAction([{ ...ETH_BUY_100, c: '0x00000000000000000000000000000001' }]);
    const sig = {
      r: '0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3',
      s: '0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da',
      v: 27,
    };
    expect(recoverSignerAddress(withCloid, null, 0, true, sig)).toBe(signer);
  });

  it('a signature over other bytes recovers some other address, as on the exchange', () => {
    const sig = signL1Action({ privateKey: SDK_KEY, action, vaultAddress: null, nonce: 1, isMainnet: true });
    expect(recoverSignerAddress(action, null, 2, true, sig)).not.toBe(signer);
    expect(recoverSignerAddress(action, null, 1, false, sig)).not.toBe(signer);
  });

  it('returns null for a malformed signature', () => {
    const sig = signL1Action({ privateKey: SDK_KEY, action, vaultAddress: null, nonce: 1, isMainnet: true });
    expect(recoverSignerAddress(action, null, 1, true, { ...sig, v: 29 })).toBeNull();
    expect(recoverSignerAddress(action, null, 1, true, { ...sig, r: '0x0' })).toBeNull();
    expect(recoverSignerAddress(action, null, 1, true, { ...sig, s: 'nonsense' })).toBeNull();
  });
});

describe('floatToWire (Python SDK float_to_wire)', () => {
  it.each([
    [100, '100'],
    [1670.1, '1670.1'],
    [0.0147, '0.0147'],
    [0.1 + 0.2, '0.3'],
    [1e-8, '0.00000001'],
    [123456789.12345678, '123456789.12345678'],
    [1e20, '100000000000000000000'],
    [0, '0'],
    [-0, '0'], // Python gives "-0" here (its "-0" guard is dead code); "0" is the intent
    [-1e-13, '0'],
    [-2.5, '-2.5'],
  ])('%s -> %s', (x, wire) => {
    expect(floatToWire(x)).toBe(wire);
  });

  it('refuses a value that 8 decimals would change', () => {
    expect(() => floatToWire(0.000000005)).toThrow(RangeError);
    expect(() => floatToWire(1.123456789)).toThrow(RangeError);
    expect(() => floatToWire(Number.NaN)).toThrow(RangeError);
    expect(() => floatToWire(1e21)).toThrow(RangeError);
  });
});

describe('orderAction', () => {
  it('rebuilds orders in the SDK key order, whatever order they were written in', () => {
    const scrambled: OrderWire = { c: '0x00000000000000000000000000000001', t: { limit: { tif: 'Ioc' } }, r: true, s: '1.5', p: '2000', b: false, a: 3 };
    const action = orderAction([scrambled]);
    expect(Object.keys(action)).toEqual(['type', 'orders', 'grouping']);
    expect(JSON.stringify(action.orders[0])).toBe(
      '{"a":3,"b":false,"p":"2000","s":"1.5","r":true,"t":{"limit":{"tif":"Ioc"}},"c":"0x00000000000000000000000000000001"}',
    );
    expect(actionHash(action, null, 7)).toEqual(actionHash(orderAction([{ ...scrambled }]), null, 7));
  });

  it('hashes an absent cloid and an undefined one the same', () => {
    const withUndefined: OrderWire = { ...ETH_BUY_100, c: undefined };
    expect(actionHash(orderAction([withUndefined]), null, 0)).toEqual(actionHash(orderAction([ETH_BUY_100]), null, 0));
  });

  it('refuses prices and sizes not in wire form, since they would hash differently', () => {
    expect(() => orderAction([{ ...ETH_BUY_100, p: '2000.0' }])).toThrow(TypeError);
    expect(() => orderAction([{ ...ETH_BUY_100, s: '1e-5' }])).toThrow(TypeError);
    expect(() => orderAction([{ ...ETH_BUY_100, p: '01' }])).toThrow(TypeError);
  });

  it('refuses an uppercase or short cloid', () => {
    expect(() => orderAction([{ ...ETH_BUY_100, c: '0x0000000000000000000000000000000A' }])).toThrow(TypeError);
    expect(() => orderAction([{ ...ETH_BUY_100, c: '0x01' }])).toThrow(TypeError);
  });

  it('actionHash refuses non-integer numbers in an action', () => {
    expect(() => actionHash({ type: 'dummy', num: 1.5 }, null, 0)).toThrow(TypeError);
  });
});
