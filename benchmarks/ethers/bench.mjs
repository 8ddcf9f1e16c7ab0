// Times the Ethereum-layer operations of the C# benchmark with ethers.js 6 on this machine, so
// both sides are measured in one run (scripts/benchmark compares them). Prints JSON: ops per second.
import {
  AbiCoder, Interface, SigningKey, Transaction, TypedDataEncoder, Wallet,
  encodeRlp, keccak256, randomBytes, recoverAddress, toBeHex,
} from "ethers";
import { etherMail } from "./fixtures.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 2);

function measure(name, fn) {
  for (let i = 0; i < 200; i++) fn(); // warm-up for the JIT
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 50; i++) fn();
    ops += 50;
    elapsed = process.hrtime.bigint() - start;
  }
  return [name, Math.round(ops / (Number(elapsed) / 1e9))];
}

const key = new SigningKey("0x4646464646464646464646464646464646464646464646464646464646464646");
const digest = keccak256("0x1234");
const signature = key.sign(digest);
const bytes32 = randomBytes(32);
const bytes1k = randomBytes(1024);
const erc20 = new Interface(["function transfer(address to, uint256 amount)"]);
const coder = AbiCoder.defaultAbiCoder();
const tupleTypes = ["uint256", "address", "bytes", "string", "uint256[]"];
const tupleData = coder.encode(tupleTypes, [
  123456789n, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x" + "ab".repeat(100),
  "DaoPlatform evaluation result", [1n, 2n, 3n, 4n, 5n],
]);
const wallet = new Wallet(key.privateKey);
const tx = {
  type: 2, chainId: 10, nonce: 7, maxPriorityFeePerGas: 1_000_000n, maxFeePerGas: 2_000_000_000n,
  gasLimit: 21_000n, to: "0x3535353535353535353535353535353535353535", value: 10n ** 18n, data: "0x",
};
const rlpItems = [toBeHex(9), toBeHex(20_000_000_000n), toBeHex(21000),
  "0x3535353535353535353535353535353535353535", toBeHex(10n ** 18n)];

const results = Object.fromEntries([
  measure("keccak256_32B", () => keccak256(bytes32)),
  measure("keccak256_1KiB", () => keccak256(bytes1k)),
  measure("abi_encode_transfer", () => erc20.encodeFunctionData("transfer", ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", 10n ** 18n])),
  measure("abi_decode_tuple", () => coder.decode(tupleTypes, tupleData)),
  measure("sign_digest", () => key.sign(digest)),
  measure("recover_address", () => recoverAddress(digest, signature)),
  measure("sign_eip1559_tx", () => Transaction.from({ ...tx, signature: wallet.signingKey.sign(Transaction.from(tx).unsignedHash) }).serialized),
  measure("eip712_hash_ether_mail", () => TypedDataEncoder.hash(etherMail.domain, etherMail.types, etherMail.message)),
  measure("rlp_encode_5_items", () => encodeRlp(rlpItems)),
]);
console.log(JSON.stringify({ runtime: `node ${process.version}`, ethers: "6", results }, null, 2));
