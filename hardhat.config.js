import { createRequire } from "node:module";
import hardhatEthers from "@nomicfoundation/hardhat-ethers";
import hardhatChaiMatchers from "@nomicfoundation/hardhat-ethers-chai-matchers";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";

const require = createRequire(import.meta.url);

// No compiler download site is reachable here: compile with the solc npm package (solcjs).
const solc = {
  version: "0.8.37",
  path: require.resolve("solc/soljson.js"),
  settings: {
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 200 },
    viaIR: false,
  },
};

/** @type {import("hardhat/config").HardhatUserConfig} */
export default {
  plugins: [hardhatEthers, hardhatChaiMatchers, hardhatMocha, hardhatNetworkHelpers],
  solidity: {
    compilers: [solc],
    // TrainingTasks is within a few hundred bytes of the 24,576-byte code size limit (EIP-170) at 200 runs.
    overrides: {
      "contracts/training/TrainingTasks.sol": { ...solc, settings: { ...solc.settings, optimizer: { enabled: true, runs: 100 } } },
    },
    // OpenZeppelin artifacts the deployment and the C# binding tests use directly.
    npmFilesToBuild: [
      "@openzeppelin/contracts/token/ERC20/ERC20.sol",
      "@openzeppelin/contracts/token/ERC721/ERC721.sol",
      "@openzeppelin/contracts/governance/Governor.sol",
      "@openzeppelin/contracts/governance/TimelockController.sol",
    ],
  },
  paths: {
    sources: "./contracts",
    tests: { mocha: "./tests/contracts", solidity: "./tests/contracts" },
  },
  networks: {
    // The local OP-mode devnet that scripts/devnet starts (anvil, unlocked dev accounts).
    devnet: {
      type: "http",
      chainType: "op",
      url: process.env.DEVNET_RPC_URL ?? "http://127.0.0.1:8545",
    },
    // An OP-stack network named by environment variables: configuration only.
    op: {
      type: "http",
      chainType: "op",
      url: process.env.DAO_RPC_URL ?? "http://127.0.0.1:8545",
      accounts: process.env.DAO_PRIVATE_KEY ? [process.env.DAO_PRIVATE_KEY] : [],
    },
  },
};
