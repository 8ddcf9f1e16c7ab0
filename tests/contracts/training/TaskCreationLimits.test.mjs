// Issue 8, item 5: creation rejects windows no block can hit and limits no model can meet, and a submitter
// never profits from stakes forfeited when nobody could reveal.
import { expect } from "chai";
import { keccak256, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import { modelCommitment } from "../../../scripts/lib/test-set.mjs";
import { REWARD, STAKE, WINDOW, commitModel, createTask, deployProtocol, makeScenario, taskConfigFor } from "./fixtures.mjs";
import { zeroModel } from "./models.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const MIN_WINDOW = 86_400;

const macsOf = (dims) => dims.slice(1).reduce((n, d, l) => n + d * dims[l], 0);
const bytesOf = (dims) => 7 + 3 * (dims.length - 1) + dims.slice(1).reduce((n, d, l) => n + d * dims[l] + 4 * d, 0);

/**
 * Searches architectures of up to `maxLayers` layers with hidden widths 1..3 for one inside the limits
 * (width 1 is the cheapest, so a wider search finds nothing more). Independent of the contract's formula.
 */
function findFittingArchitecture({ inputSize, classes, maxLayers, maxMacs, maxModelBytes }) {
  const fits = (dims) => macsOf(dims) <= maxMacs && bytesOf(dims) <= maxModelBytes;
  const search = (prefix) => {
    if (prefix.length - 1 >= maxLayers) return null;
    const done = [...prefix, classes];
    if (fits(done)) return done;
    for (let width = 1; width <= 3; width++) {
      const deeper = search([...prefix, width]);
      if (deeper) return deeper;
    }
    return null;
  };
  return search([inputSize]);
}

describe("TrainingTasks creation limits (issue 8, item 5)", function () {
  const scenario = makeScenario(5);
  const deploy = () => deployProtocol(ethers);

  describe("the reported scenarios", function () {
    it("rejects a reveal window of one second", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const base = await taskConfigFor(ethers, scenario);
      const config = { ...base, revealDeadline: base.commitDeadline + 1 };
      await expect(tasks.connect(submitter).createTask(config, { value: REWARD }))
        .to.be.revertedWithCustomError(tasks, "WindowTooShort")
        .withArgs(config.commitDeadline, config.commitDeadline + 1, MIN_WINDOW);
    });

    it("rejects one layer with fewer MACs than inputSize x classes", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const [inputSize, classes] = [scenario.dims[0], scenario.dims.at(-1)];
      const config = await taskConfigFor(ethers, scenario, { maxLayers: 1, maxMacs: inputSize * classes - 1 });
      await expect(tasks.connect(submitter).createTask(config, { value: REWARD }))
        .to.be.revertedWithCustomError(tasks, "NoModelWithinLimits")
        .withArgs(inputSize, classes, 1, inputSize * classes - 1, config.maxModelBytes);
    });

    it("sends the stakes of a task nobody revealed to the treasury, not to the submitter", async function () {
      const { tasks, submitter, trainers, treasury } = await loadFixture(deploy);
      const config = await taskConfigFor(ethers, scenario);
      const taskId = await createTask(tasks, submitter, config);
      for (let m = 0; m < 3; m++) await commitModel(tasks, trainers[m], taskId, config, scenario, m);
      await time.increaseTo(config.revealDeadline);
      await expect(tasks.settleWithoutEvaluation(taskId))
        .to.emit(tasks, "StakesForfeited")
        .withArgs(taskId, treasury.address, 3n * STAKE);
      expect(await tasks.credits(ZeroAddress, submitter.address)).to.equal(REWARD);
      expect(await tasks.credits(ZeroAddress, treasury.address)).to.equal(3n * STAKE);
    });
  });

  describe("property: a task is created exactly when every window is reachable and some model fits", function () {
    it("random limits: accepted iff an architecture search finds a model, which then reveals", async function () {
      const { tasks, submitter, trainers } = await loadFixture(deploy);
      const [trainer] = trainers;
      const rng = createRng(8);
      const int = rng.int;
      let accepted = 0;
      for (let round = 0; round < 40; round++) {
        const inputSize = int(1, 12);
        const classes = int(2, 6);
        const single = inputSize * classes;
        // Budgets around the thresholds of the one-layer and the narrow two-layer model.
        const limits = {
          inputSize,
          classes,
          maxLayers: int(1, 3),
          maxMacs: int(inputSize + classes - 2, single + 2),
          maxModelBytes: int(13 + inputSize + classes + 4 * (1 + classes) - 3, 10 + single + 4 * classes + 3),
        };
        const found = findFittingArchitecture(limits);
        const config = await taskConfigFor(ethers, { ...scenario, dims: [inputSize, classes] }, limits);
        const create = tasks.connect(submitter).createTask(config, { value: REWARD });
        if (!found) {
          await expect(create).to.be.revertedWithCustomError(tasks, "NoModelWithinLimits");
          continue;
        }
        const receipt = await (await create).wait();
        const taskId = tasks.interface.parseLog(receipt.logs[0]).args.taskId;
        const model = zeroModel(found);
        const salt = keccak256(Uint8Array.of(round));
        await tasks.connect(trainer).commit(taskId, modelCommitment(keccak256(model), salt, trainer.address, taskId), {
          value: STAKE,
        });
        await time.increaseTo(config.commitDeadline);
        await expect(tasks.connect(trainer).reveal(taskId, salt, "", model)).to.emit(tasks, "ModelRevealed");
        accepted++;
      }
      expect(accepted).to.be.within(5, 35); // both outcomes were exercised
    });

    it("random windows: accepted iff each of the three is at least MIN_WINDOW", async function () {
      const { tasks, submitter } = await loadFixture(deploy);
      const rng = createRng(9);
      const window = () => rng.int(MIN_WINDOW - 3, MIN_WINDOW + 3);
      for (let round = 0; round < 20; round++) {
        const now = (await ethers.provider.getBlock("latest")).timestamp + 1;
        const [a, b, c] = [window(), window(), window()];
        const config = await taskConfigFor(ethers, scenario, {
          commitDeadline: now + a,
          revealDeadline: now + a + b,
          testSetRevealDeadline: now + a + b + c,
        });
        await time.setNextBlockTimestamp(now);
        const create = tasks.connect(submitter).createTask(config, { value: REWARD });
        if (Math.min(a, b, c) >= MIN_WINDOW) await expect(create).to.emit(tasks, "TaskCreated");
        else await expect(create).to.be.revertedWithCustomError(tasks, "WindowTooShort");
      }
    });
  });
});
