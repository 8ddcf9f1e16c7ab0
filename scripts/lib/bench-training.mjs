// Shared setup of the training-task gas benchmarks (scripts/bench/gas-training.mjs, gas-large-models.mjs).
import { getCreateAddress, ZeroAddress } from "ethers";

/**
 * Deploys TrainingTasks and its OptimisticVerifier (the tasks learn the verifier's address from the deployer's
 * next nonce); the deployer stands in for the governance timelock. Returns { tasks, verifier }.
 */
export async function deployTrainingProtocol(ethers, deployer, { window, minBond, shareBps, treasury }) {
  const nonce = await deployer.getNonce();
  const verifierAddress = getCreateAddress({ from: deployer.address, nonce: nonce + 1 });
  // No asset registry: the benchmarked tasks name no assets.
  const tasks = await ethers.deployContract("TrainingTasks", [verifierAddress, ZeroAddress], deployer);
  await tasks.waitForDeployment();
  const verifier = await ethers.deployContract(
    "OptimisticVerifier",
    [tasks, deployer.address, window, minBond, shareBps, treasury],
    deployer,
  );
  await verifier.waitForDeployment();
  return { tasks, verifier };
}

/** Moves the node's clock `seconds` ahead and mines a block. */
export async function advance(ethers, seconds) {
  await ethers.provider.send("evm_increaseTime", [seconds]);
  await ethers.provider.send("evm_mine", []);
}
