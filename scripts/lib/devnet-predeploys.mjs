// Installs the OP-stack fee predeploys on an anvil --optimism node, which lacks them, and sets
// their L1 values the way the chain's depositor does, then verifies the result.
//
//   node scripts/lib/devnet-predeploys.mjs <rpc url>
//
// Layout as in the OP genesis: at each predeploy address a Proxy whose EIP-1967 implementation
// slot points at the implementation installed at its code-namespace address
// (0xc0D3C0d3...<last two bytes of the predeploy>), admin ProxyAdmin 0x4200...0018.
// Bytecode: @eth-optimism/contracts-bedrock 0.17.3 forge artifacts (GasPriceOracle 1.3.0,
// L1Block 1.4.1-beta.1).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ethers } from "ethers";

const require = createRequire(import.meta.url);
const ARTIFACTS = join(
  dirname(require.resolve("@eth-optimism/contracts-bedrock/package.json")),
  "forge-artifacts",
);

const DEPOSITOR = "0xDeaDDEaDDeAdDeAdDEAdDEaddeAddEAdDEAd0001";
const PROXY_ADMIN = "0x4200000000000000000000000000000000000018";
// EIP-1967 slots: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1) and ".admin".
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
const ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";

const PREDEPLOYS = [
  { name: "L1Block", address: "0x4200000000000000000000000000000000000015" },
  { name: "GasPriceOracle", address: "0x420000000000000000000000000000000000000f" },
];

/**
 * The L1 attributes the devnet pretends to have seen. Scalars are OP Mainnet's Ecotone values;
 * fees are a typical L1 (10 gwei base fee, 1 gwei blob base fee).
 */
export const L1_ATTRIBUTES = {
  baseFeeScalar: 5227n,
  blobBaseFeeScalar: 1014213n,
  sequenceNumber: 0n,
  timestamp: BigInt(Math.floor(Date.now() / 1000)),
  number: 1n,
  basefee: 10_000_000_000n,
  blobBaseFee: 1_000_000_000n,
  hash: ethers.id("daoplatform devnet L1 block 1"),
  batcherHash: ethers.zeroPadValue("0x6887246668a3b87f54deb3b94ba47a6f63f32985", 32),
};

function artifact(name) {
  return JSON.parse(readFileSync(join(ARTIFACTS, `${name}.sol`, `${name}.json`), "utf8"));
}

/** The code-namespace address of a predeploy: 0xc0d3c0d3...c0d3 with the predeploy's last 2 bytes. */
function implementationAddress(predeploy) {
  return ethers.getAddress(("0xc0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3c0d3" + predeploy.slice(-4)).toLowerCase());
}

/** setL1BlockValuesEcotone() calldata: the selector followed by the packed attributes (OP spec). */
export function encodeL1BlockValuesEcotone(a) {
  return ethers.solidityPacked(
    ["bytes4", "uint32", "uint32", "uint64", "uint64", "uint64", "uint256", "uint256", "bytes32", "bytes32"],
    [
      ethers.id("setL1BlockValuesEcotone()").slice(0, 10),
      a.baseFeeScalar,
      a.blobBaseFeeScalar,
      a.sequenceNumber,
      a.timestamp,
      a.number,
      a.basefee,
      a.blobBaseFee,
      a.hash,
      a.batcherHash,
    ],
  );
}

async function sendAsDepositor(provider, to, data, what) {
  const hash = await provider.send("eth_sendTransaction", [{ from: DEPOSITOR, to, data, gas: "0x100000" }]);
  const receipt = await provider.waitForTransaction(hash, 1, 30_000);
  if (receipt?.status !== 1) {
    throw new Error(`${what}: transaction ${hash} failed (status ${receipt?.status})`);
  }
}

async function install(provider) {
  const proxyCode = artifact("Proxy").deployedBytecode.object;
  for (const { name, address } of PREDEPLOYS) {
    const implementation = implementationAddress(address);
    await provider.send("anvil_setCode", [implementation, artifact(name).deployedBytecode.object]);
    await provider.send("anvil_setCode", [address, proxyCode]);
    await provider.send("anvil_setStorageAt", [address, IMPLEMENTATION_SLOT, ethers.zeroPadValue(implementation, 32)]);
    await provider.send("anvil_setStorageAt", [address, ADMIN_SLOT, ethers.zeroPadValue(PROXY_ADMIN, 32)]);
  }

  await provider.send("anvil_impersonateAccount", [DEPOSITOR]);
  await provider.send("anvil_setBalance", [DEPOSITOR, ethers.toQuantity(ethers.parseEther("1"))]);
  try {
    const [l1Block, oracle] = PREDEPLOYS.map((p) => p.address);
    const oracleInterface = new ethers.Interface(artifact("GasPriceOracle").abi);
    await sendAsDepositor(provider, l1Block, encodeL1BlockValuesEcotone(L1_ATTRIBUTES), "L1Block.setL1BlockValuesEcotone");
    await sendAsDepositor(provider, oracle, oracleInterface.encodeFunctionData("setEcotone"), "GasPriceOracle.setEcotone");
    await sendAsDepositor(provider, oracle, oracleInterface.encodeFunctionData("setFjord"), "GasPriceOracle.setFjord");
  } finally {
    await provider.send("anvil_stopImpersonatingAccount", [DEPOSITOR]);
  }
}

async function verify(provider) {
  const [l1BlockAddress, oracleAddress] = PREDEPLOYS.map((p) => p.address);
  const l1Block = new ethers.Contract(l1BlockAddress, artifact("L1Block").abi, provider);
  const oracle = new ethers.Contract(oracleAddress, artifact("GasPriceOracle").abi, provider);
  const checks = [
    ["GasPriceOracle.isEcotone()", await oracle.isEcotone(), true],
    ["GasPriceOracle.isFjord()", await oracle.isFjord(), true],
    ["L1Block.basefee()", await l1Block.basefee(), L1_ATTRIBUTES.basefee],
    ["L1Block.blobBaseFee()", await l1Block.blobBaseFee(), L1_ATTRIBUTES.blobBaseFee],
    ["L1Block.baseFeeScalar()", await l1Block.baseFeeScalar(), L1_ATTRIBUTES.baseFeeScalar],
    ["L1Block.blobBaseFeeScalar()", await l1Block.blobBaseFeeScalar(), L1_ATTRIBUTES.blobBaseFeeScalar],
    ["L1Block.number()", await l1Block.number(), L1_ATTRIBUTES.number],
  ];
  for (const [what, actual, expected] of checks) {
    if (actual !== expected) {
      throw new Error(`${what} is ${actual}; expected ${expected}`);
    }
  }
  const fee = await oracle.getL1Fee(ethers.hexlify(ethers.randomBytes(200)));
  if (fee <= 0n) {
    throw new Error(`GasPriceOracle.getL1Fee(200 random bytes) is ${fee}; expected > 0`);
  }
  return fee;
}

const url = process.argv[2];
if (!url) {
  console.error("usage: node scripts/lib/devnet-predeploys.mjs <rpc url>");
  process.exit(2);
}
const provider = new ethers.JsonRpcProvider(url, undefined, { staticNetwork: true, polling: true, pollingInterval: 100 });
try {
  await install(provider);
  const fee = await verify(provider);
  console.log(`devnet: OP predeploys installed (GasPriceOracle Fjord, L1Block); getL1Fee(200 bytes) = ${fee} wei`);
} catch (error) {
  console.error(`devnet-predeploys: ${error.message}`);
  process.exitCode = 1;
} finally {
  provider.destroy();
}
