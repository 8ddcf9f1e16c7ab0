// Gas of forcing a committed model's chunk from a prediction game (docs/training-tasks.md §8.5) beside an ordinary
// availability challenge, same run, same compiler: a small committed large-model task (2 models of 8-300-3, 3 chunks of
// 128 rows, nothing published), a lying result, a game answered; then forceChunk (a new challenge, and a second game
// waiting on it), the resolution of the forced chunk, the proof from its row; and, from a snapshot, the unresolved path
// (timeoutGame won by the challenger, then slashUnavailable). Gas depends on the chunk's bytes, so compare rows of this
// scenario only. Run: npx hardhat run scripts/bench/gas-force-chunk.mjs
import { network } from "hardhat";
import { availabilityChunk, availabilityHeight, encodeTrace, trace } from "../lib/evaluation.mjs";
import {
  consistentEvaluation,
  deployProtocol,
  honestEvaluation,
  makeScenario,
  postEvaluation,
  revealTestSet,
} from "../../tests/contracts/training/fixtures.mjs";
import { committedLargeTask, neuronProof } from "../../tests/contracts/training/large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, takeSnapshot } = networkHelpers;
const DAY = 86_400n;
const dims = [8, 300, 3];
const scenario = makeScenario(77, { dims, models: 2, size: 6 });
const MODEL = 1;
const SAMPLE = 2;
const CHUNK = Math.floor(dims[1] / 2 ** availabilityHeight(dims)); // the chunk of the output rows

const protocol = await deployProtocol(ethers);
const { tasks, verifier, evaluator, challenger, outsider, trainers } = protocol;
const ready = await committedLargeTask(ethers, networkHelpers, protocol, scenario);
const availability = await ethers.getContractAt("ModelAvailability", await tasks.availability());
const rows = [];
const gasOf = async (name, tx) => rows.push([name, (await (await tx).wait()).gasUsed]);

// The peer: an ordinary challenge in the availability window.
await gasOf("challengeChunk (ordinary, in the window)", availability.connect(outsider).challengeChunk(ready.taskId, 0, 0, { value: await availability.challengeBond() }));
const ordinary = availabilityChunk(ready.trees[0], dims, 0);
await availability.connect(trainers[0]).resolveChunk(ready.taskId, 0, 0, ready.trees[0].header, ordinary.rows, ordinary.proof);

await time.increaseTo(ready.config.revealDeadline);
await revealTestSet(tasks, protocol.submitter, ready.taskId, ready.config, scenario);
await time.increaseTo((await tasks.availabilityChallengeDeadline(ready.taskId)) + DAY);
const predictions = honestEvaluation(scenario, [0, 1]).predictions.map((p) => Uint8Array.from(p));
const lie = (predictions[MODEL][SAMPLE] + 1) % 3;
predictions[MODEL][SAMPLE] = lie;
const call = await postEvaluation(verifier, evaluator, ready.taskId, consistentEvaluation(scenario, predictions));
const layers = trace(scenario.models[MODEL], scenario.samples[SAMPLE].input);
layers.at(-1)[lie] = Math.max(...layers.at(-1)) + 1;
const answered = encodeTrace(layers);
const gameBond = await verifier.gameBond(ready.taskId);
for (const who of [challenger, outsider]) {
  await verifier.connect(who).openGame(ready.taskId, call.result, MODEL, predictions[MODEL], SAMPLE, { value: gameBond });
  await verifier.connect(evaluator).answerGame(ready.taskId, who, ready.trees[MODEL].header, ready.trees[MODEL].rowsRoot, answered);
}
await gasOf("forceChunk (a new challenge)", verifier.connect(challenger).forceChunk(ready.taskId, CHUNK, { value: await availability.challengeBond() }));
await gasOf("forceChunk (a second game waits on it)", verifier.connect(outsider).forceChunk(ready.taskId, CHUNK));
const unresolved = await takeSnapshot();
const part = availabilityChunk(ready.trees[MODEL], dims, CHUNK);
await gasOf(`resolveChunk (the forced chunk, ${ethers.getBytes(part.rows).length} B of rows)`,
  availability.connect(trainers[MODEL]).resolveChunk(ready.taskId, MODEL, CHUNK, ready.trees[MODEL].header, part.rows, part.proof));
const p = neuronProof(ready.trees[MODEL], scenario, SAMPLE, answered, dims.length - 2, lie);
await gasOf("proveNeuron (from the resolved row)", verifier.connect(challenger).proveNeuron(ready.taskId, p.model, p.row, p.sample));
await unresolved.restore();
await time.increase(DAY);
await gasOf("timeoutGame (forced chunk unresolved: the challenger wins)", verifier.timeoutGame(ready.taskId, challenger));
await gasOf("slashUnavailable (the forced chunk)", availability.slashUnavailable(ready.taskId, MODEL, CHUNK));

console.log("| call | gas |\n|---|---:|");
for (const [name, gas] of rows) console.log(`| ${name} | ${gas.toLocaleString("en-US")} |`);
