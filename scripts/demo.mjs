// The platform's main flow, end to end, on the devnet that scripts/demo starts:
//   1. deploy and wire the platform; members get voting power; the treasury is funded
//   2. a DAO proposal (one vote relayed as an EIP-712 ballot) funds the task committee's multisig
//      vault, sets a platform parameter and gives contributors revenue shares; queue, execute
//   3. the vault (2-of-3 EIP-712 approvals) funds a training task on real MNIST digits, committing
//      to the hidden test set
//   4. two trainers commit hash(model, salt, trainer, task), then reveal their models
//   5. the vault reveals the test set in Merkle-proven chunks
//   6. a dishonest evaluator posts a wrong result; an auditor proves it wrong in one transaction
//      and takes part of the bond; an honest evaluator posts, the window passes, the winner is paid
//   7. the winning model becomes a registry asset held by the vault; revenue streams to contributors
import { readFile } from "node:fs/promises";
import hre, { network } from "hardhat";
import { formatEther, getBytes, hexlify, id, keccak256, parseEther, ZeroAddress } from "ethers";
import { createRng, encodeModel, predict, randomModel } from "./lib/evaluation.mjs";
import { VoteType, proposalIdOf, signBallot } from "./lib/governance.mjs";
import { deployPlatform, parametersFromEnv } from "./lib/platform.mjs";
import { buildTestSetTree, chunkCount, chunkReveal, modelCommitment, sampleWithProof } from "./lib/test-set.mjs";
import { executeSigned } from "./lib/vault-signing.mjs";

const MINUTE = 60;
const DAY = 24 * 3600;
const TOKEN = 10n ** 18n;

const connection = await network.getOrCreate();
const { ethers } = connection;
const provider = ethers.provider;
const [deployer, alice, bob, carol, dora, erin, frank, mallory, trent, victor] = await ethers.getSigners();
const names = new Map(
  Object.entries({ deployer, alice, bob, carol, dora, erin, frank, mallory, trent, victor }).map(([n, s]) => [s.address, n]),
);
const gasLog = [];

const step = (title) => console.log(`\n== ${title}`);
const eth = (wei) => `${formatEther(wei)} ETH`;
const tokens = (units) => `${formatEther(units)} DAOP`;

/** Waits for a transaction, records its gas under `label` and returns the receipt. */
async function mined(label, txPromise) {
  const receipt = await (await txPromise).wait();
  gasLog.push([label, receipt.gasUsed]);
  return receipt;
}

async function advance(seconds) {
  await provider.send("evm_increaseTime", [Number(seconds)]);
  await provider.send("evm_mine", []);
}

async function advanceTo(timestamp) {
  const now = (await provider.getBlock("latest")).timestamp;
  if (Number(timestamp) > now) await advance(Number(timestamp) - now);
}

function eventOf(contract, receipt, name) {
  for (const log of receipt.logs) {
    const parsed = contract.interface.parseLog(log);
    if (parsed?.name === name) return parsed.args;
  }
  throw new Error(`no ${name} event in transaction ${receipt.hash}`);
}

// ---------------------------------------------------------------------------------------------
step("1. Deploy the platform");
const params = {
  ...parametersFromEnv(),
  votingDelay: BigInt(MINUTE),
  votingPeriod: BigInt(10 * MINUTE),
  timelockDelay: BigInt(5 * MINUTE),
  vaultOwners: [alice.address, bob.address, carol.address],
  vaultThreshold: 2n,
};
const { contracts } = await deployPlatform({
  ethers,
  artifacts: hre.artifacts,
  networkName: connection.networkName,
  deployer,
  params,
});
const { token, timelock, governor, vault, registry, streams, splitter, tasks, verifier } = contracts;

for (const member of [alice, bob, carol]) {
  await mined("DaoToken.transfer", token.transfer(member, 200_000n * TOKEN));
  await mined("DaoToken.delegate", token.connect(member).delegate(member));
}
await mined("fund treasury (ETH)", deployer.sendTransaction({ to: timelock, value: parseEther("20") }));
await advance(1); // the proposal threshold reads votes at clock() - 1
console.log(`alice, bob and carol hold and delegate 200,000 DAOP each; the treasury holds ${eth(await provider.getBalance(timelock))}`);

// ---------------------------------------------------------------------------------------------
step("2. Governance: fund the task committee, set the challenge window, give revenue shares");
const challengeWindow = BigInt(DAY); // the least the verifier allows: twice the OP sequencer window
const targets = [vault, verifier, splitter, splitter].map((c) => c.target);
const values = [parseEther("5"), 0n, 0n, 0n];
const calldatas = [
  "0x",
  verifier.interface.encodeFunctionData("setChallengeWindow", [challengeWindow]),
  splitter.interface.encodeFunctionData("setShares", [dora.address, 70n]),
  splitter.interface.encodeFunctionData("setShares", [victor.address, 30n]),
];
const description = "Fund the MNIST task committee with 5 ETH; challenge window 1 day; revenue shares 70/30";
await mined("Governor.propose", governor.connect(alice).propose(targets, values, calldatas, description));
const proposalId = proposalIdOf(targets, values, calldatas, description);
await advance(params.votingDelay + 1n);

await mined("Governor.castVote", governor.connect(alice).castVote(proposalId, VoteType.For));
const ballot = await signBallot(ethers, governor, bob, proposalId, VoteType.For);
await mined("Governor.castVoteBySig (relayed)", governor.connect(victor).castVoteBySig(proposalId, VoteType.For, bob.address, ballot));
await mined("Governor.castVote", governor.connect(carol).castVote(proposalId, VoteType.Abstain));
const [against, forVotes, abstain] = await governor.proposalVotes(proposalId);
console.log(`votes: for ${tokens(forVotes)} (bob's ballot relayed by victor), against ${tokens(against)}, abstain ${tokens(abstain)}`);

await advance(params.votingPeriod);
const descriptionHash = id(description);
await mined("Governor.queue", governor.queue(targets, values, calldatas, descriptionHash));
await advance(params.timelockDelay + 1n);
await mined("Governor.execute", governor.execute(targets, values, calldatas, descriptionHash));
console.log(
  `executed: vault holds ${eth(await provider.getBalance(vault))}, challenge window ${await verifier.challengeWindow()} s, ` +
    `shares dora ${await splitter.sharesOf(dora)} / victor ${await splitter.sharesOf(victor)}`,
);

// ---------------------------------------------------------------------------------------------
step("3. The vault funds a training task on real MNIST digits");
const mnist = JSON.parse(await readFile(new URL("../tests/vectors/mnist.json", import.meta.url), "utf8")).cases[0];
const samples = mnist.samples.map(({ input, label }) => ({ input: getBytes(input), label }));
const testSet = buildTestSetTree(samples);
const now = (await provider.getBlock("latest")).timestamp;
const config = {
  token: ZeroAddress,
  reward: parseEther("1"),
  stake: parseEther("0.15"), // seven other slots forfeit at least the reward: squatting never pays
  testSetRoot: testSet.root,
  testSetSize: samples.length,
  inputSize: mnist.shape.inputSize,
  classes: mnist.shape.classes,
  chunkSize: 32,
  maxTrainers: 8,
  maxLayers: 3,
  maxMacs: 100_000,
  maxModelBytes: 100_000,
  // Windows of at least a day each (TrainingTasks.MIN_WINDOW); the devnet jumps over them.
  commitDeadline: now + DAY + 10 * MINUTE,
  revealDeadline: now + 2 * DAY + 20 * MINUTE,
  testSetRevealDeadline: now + 3 * DAY + 40 * MINUTE,
  // The baseline: a model must classify half the hidden digits to be paid and get its stake back.
  minScore: Math.ceil(samples.length / 2),
};
const createData = tasks.interface.encodeFunctionData("createTask", [config]);
const createReceipt = await mined(
  "MultisigVault.execute (2-of-3): createTask",
  executeSigned(ethers, vault, [alice, bob], { to: tasks.target, value: config.reward, data: createData }, carol),
);
const { taskId } = eventOf(tasks, createReceipt, "TaskCreated");
console.log(`task ${taskId}: reward ${eth(config.reward)}, ${samples.length} hidden test samples committed as root ${testSet.root}`);

// ---------------------------------------------------------------------------------------------
step("4. Trainers commit, then reveal");
const entries = [
  { trainer: dora, model: mnist.model, about: "784-16-10 trained on 1,000 MNIST digits" },
  { trainer: erin, model: hexlify(encodeModel(randomModel(createRng(7), [784, 16, 10]))), about: "784-16-10, random weights" },
];
for (const entry of entries) {
  entry.salt = id(`demo salt of ${names.get(entry.trainer.address)}`);
  entry.hash = keccak256(entry.model);
  const commitment = modelCommitment(entry.hash, entry.salt, entry.trainer.address, taskId);
  await mined("TrainingTasks.commit", tasks.connect(entry.trainer).commit(taskId, commitment, { value: config.stake }));
}
await advanceTo(config.commitDeadline);
for (const entry of entries) {
  await mined(
    "TrainingTasks.reveal (model in calldata)",
    tasks.connect(entry.trainer).reveal(taskId, entry.salt, `ipfs://${entry.hash}`, entry.model),
  );
  console.log(`${names.get(entry.trainer.address)} revealed ${entry.hash} (${entry.about})`);
}

// ---------------------------------------------------------------------------------------------
step("5. The vault reveals the test set in Merkle-proven chunks");
await advanceTo(config.revealDeadline);
const chunks = chunkCount(samples.length, config.chunkSize);
for (let c = 0; c < chunks; c++) {
  const { records, proof } = chunkReveal(testSet, config.chunkSize, c);
  const data = tasks.interface.encodeFunctionData("revealTestSetChunk", [taskId, c, records, proof]);
  await mined("MultisigVault.execute (2-of-3): revealTestSetChunk", executeSigned(ethers, vault, [bob, carol], { to: tasks.target, data }));
}
console.log(`${chunks} chunks revealed; test set public: ${await tasks.isTestSetRevealed(taskId)}`);

// ---------------------------------------------------------------------------------------------
step("6. Optimistic verification: a lie is overturned in one transaction, the truth finalizes");
const [entryIndexes] = await tasks.revealedModels(taskId);
const models = entryIndexes.map((e) => entries[Number(e)]);
const honestPredictions = models.map(({ model }) => Uint8Array.from(samples.map(({ input }) => predict(model, input))));
const scoreOf = (predictions) => predictions.reduce((n, p, i) => n + (p === samples[i].label ? 1 : 0), 0);

const NO_WINNER = 2n ** 256n - 1n;
function resultFrom(predictions) {
  const scores = predictions.map(scoreOf);
  const best = scores.indexOf(Math.max(...scores)); // the earliest commit wins a tie
  const winner = scores[best] >= config.minScore ? best : NO_WINNER;
  return {
    scores,
    winner,
    predictionHashes: predictions.map((p) => keccak256(p)),
    calldata: hexlify(Uint8Array.from(predictions.flatMap((p) => [...p]))),
  };
}
// The bond covers what a lie could win even if the liar challenges itself first.
const bond = await verifier.requiredBond(taskId);

// Mallory claims the random model is the better one: its predictions "become" the labels.
const forged = honestPredictions.map((p) => Uint8Array.from(p));
forged[1] = Uint8Array.from(samples.map(({ label }) => label));
const lie = resultFrom(forged);
await mined("OptimisticVerifier.postResult", verifier.connect(mallory).postResult(taskId, lie.scores, lie.winner, lie.calldata, { value: bond }));
console.log(`mallory posts scores [${lie.scores}] naming ${names.get(models[Number(lie.winner)].trainer.address)} the winner, bond ${eth(bond)}`);

// Trent re-runs the models off-chain (as the GPU evaluator would) and finds a prediction that is wrong.
const wrong = forged[1].findIndex((p, i) => p !== honestPredictions[1][i]);
const overturned = await mined(
  "OptimisticVerifier.challengePrediction",
  verifier.connect(trent).challengePrediction(
    taskId,
    { scores: lie.scores, predictionHashes: lie.predictionHashes, winner: lie.winner },
    1,
    hexlify(forged[1]),
    models[1].model,
    sampleWithProof(testSet, wrong),
  ),
);
eventOf(verifier, overturned, "ResultOverturned"); // throws if the lie was not overturned
console.log(
  `trent proves sample ${wrong} predicts ${honestPredictions[1][wrong]}, not ${forged[1][wrong]}: mallory's bond is slashed, ` +
    `trent is credited ${eth(await verifier.credits(ZeroAddress, trent))}, the treasury ${eth(await verifier.credits(ZeroAddress, timelock))}`,
);
await mined("OptimisticVerifier.withdraw", verifier.connect(trent).withdraw(ZeroAddress));

const truth = resultFrom(honestPredictions);
await mined("OptimisticVerifier.postResult", verifier.connect(frank).postResult(taskId, truth.scores, truth.winner, truth.calldata, { value: bond }));
console.log(`frank posts scores [${truth.scores}] of ${samples.length} (expected accuracy of the trained model: ${mnist.accuracy})`);
await advance(challengeWindow + 1n);
await mined("OptimisticVerifier.finalize", verifier.connect(victor).finalize(taskId));
if (truth.winner === NO_WINNER) throw new Error("no model reached the baseline");
const winner = models[truth.winner].trainer;
if (winner !== dora) throw new Error(`expected the trained model to win, not ${names.get(winner.address)}'s`);
const withdrawal = await mined("TrainingTasks.withdraw", tasks.connect(winner).withdraw(ZeroAddress));
const { amount } = eventOf(tasks, withdrawal, "Withdrawn");
console.log(
  `finalized: ${names.get(winner.address)} wins and withdraws ${eth(amount)} (reward and stake); frank's bond is returned; ` +
    `erin's model scored below the baseline, so its stake went to the treasury (${eth(await tasks.credits(ZeroAddress, timelock))})`,
);
await mined("OptimisticVerifier.withdraw", verifier.connect(frank).withdraw(ZeroAddress));

// ---------------------------------------------------------------------------------------------
step("7. The winning model becomes an asset of the DAO, and revenue streams to contributors");
const winning = models[truth.winner];
const registered = await mined(
  "AssetRegistry.register",
  registry.connect(winner).register(0, keccak256(winning.model), mnist.cid, `ipfs://${mnist.cid}/metadata.json`),
);
const assetId = eventOf(registry, registered, "Transfer").tokenId;
await mined("AssetRegistry.safeTransferFrom", registry.connect(winner)["safeTransferFrom(address,address,uint256)"](winner, vault, assetId));
console.log(`asset ${assetId} (CID ${await registry.cidOf(assetId)}) is now owned by the vault: ${(await registry.ownerOf(assetId)) === vault.target}`);

const revenue = 30_000n * TOKEN;
await mined("DaoToken.approve", token.approve(splitter, revenue));
await mined("RevenueSplitter.deposit", splitter.deposit(revenue));
await advance(15 * DAY);
await mined("RevenueSplitter.release", splitter.connect(victor).release(dora));
await mined("RevenueSplitter.release", splitter.release(victor));
console.log(
  `after 15 of 30 days of ${tokens(revenue)} revenue: dora received ${tokens(await token.balanceOf(dora))}, ` +
    `victor ${tokens(await token.balanceOf(victor))}`,
);

const ratePerSecond = (1_000n * TOKEN * (await streams.RATE_SCALE())) / BigInt(DAY); // 1,000 DAOP a day
await mined("DaoToken.approve", token.connect(carol).approve(streams, 30_000n * TOKEN));
const created = await mined("StreamVault.create", streams.connect(carol).create(token, erin, ratePerSecond, 30 * DAY));
const { startTime } = eventOf(streams, created, "StreamCreated");
const key = { token: token.target, payer: carol.address, recipient: erin.address, ratePerSecond, startTime };
await advance(10 * DAY);
await mined("StreamVault.withdraw (by a third party)", streams.connect(victor).withdraw(key));
console.log(`carol streams 1,000 DAOP a day to erin; after 10 days victor triggers a withdrawal: erin holds ${tokens(await token.balanceOf(erin))}`);

// ---------------------------------------------------------------------------------------------
step("Gas used by each step (receipts)");
const width = Math.max(...gasLog.map(([label]) => label.length));
for (const [label, gas] of gasLog) console.log(`${label.padEnd(width)} ${gas.toLocaleString("en-US").padStart(11)}`);
console.log("\nDemo complete.");
