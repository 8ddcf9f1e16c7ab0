// Gas of OptimisticVerifier.openGame (move 1 of the prediction game, docs/training-tasks.md §8.2) on a small
// large-model task: 2 models of 6-5-4-3, 6 test samples, the honest result posted, one challenger opening. The
// storage part of the cost (what packing changes) does not depend on the model's size; the calldata part does, so
// compare figures from the same scenario only. Run: npx hardhat run scripts/bench/gas-open-game.mjs
import { network } from "hardhat";
import {
  deployProtocol,
  honestEvaluation,
  makeScenario,
  postEvaluation,
} from "../../tests/contracts/training/fixtures.mjs";
import { largeTaskReadyForEvaluation } from "../../tests/contracts/training/large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const scenario = makeScenario(21, { dims: [6, 5, 4, 3], models: 2, size: 6 });
const protocol = await deployProtocol(ethers);
const ready = await largeTaskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
const honest = honestEvaluation(scenario, ready.revealed);
const call = await postEvaluation(protocol.verifier, protocol.evaluator, ready.taskId, honest);
const bond = await protocol.verifier.gameBond(ready.taskId);
const rows = [];
for (const [who, challenger] of [["first challenger", protocol.challenger], ["second challenger", protocol.outsider]]) {
  const tx = await protocol.verifier
    .connect(challenger)
    .openGame(ready.taskId, call.result, 1, honest.predictions[1], 2, { value: bond });
  rows.push([`openGame (${who})`, (await tx.wait()).gasUsed]);
}
console.log("| call | gas |\n|---|---:|");
for (const [name, gas] of rows) console.log(`| ${name} | ${gas.toLocaleString("en-US")} |`);
