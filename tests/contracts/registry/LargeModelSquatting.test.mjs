// Issue 20, fault 1: a large model's bytes and root were public from its first published chunk, but its author
// was recorded only at the final reveal, so a stranger could register the model first and take its revenue.
// Now the trainer opens its commitment (claimModelAuthorship) before the first chunk can be published.
import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";
import { createRng, encodeModel, modelChunks, modelRowsTree, randomModel } from "../../../scripts/lib/evaluation.mjs";
import { modelCommitment } from "../../../scripts/lib/test-set.mjs";
import { createTask, deployProtocol, makeScenario, taskConfigFor, STAKE } from "../training/fixtures.mjs";
import { LARGE_MODEL_BYTES, publishModel } from "../training/large-models.mjs";
import { rawSha256Cid } from "./cid.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const Kind = { Model: 0 };
const CID = rawSha256Cid(Buffer.from("large model manifest"));

describe("Large-model content squatting (issue 20, fault 1)", function () {
  const scenario = makeScenario(61, { dims: [8, 4, 3], models: 1 });
  const tree = modelRowsTree(encodeModel(randomModel(createRng(61), [8, 6, 3])));
  const salt = id("trainer salt");

  /** Two large-model tasks; the trainer commits to the model in task A; the squatter may commit in task B. */
  async function committed() {
    const protocol = await deployProtocol(ethers);
    const registry = await ethers.deployContract("AssetRegistry", [protocol.tasks]);
    const [trainer, squatter] = protocol.trainers;
    const config = await taskConfigFor(ethers, scenario, { maxModelBytes: LARGE_MODEL_BYTES });
    const taskA = await createTask(protocol.tasks, protocol.submitter, config);
    const taskB = await createTask(protocol.tasks, protocol.submitter, config);
    await protocol.tasks.connect(trainer).commit(taskA, modelCommitment(tree.modelRoot, salt, trainer.address, taskA), { value: STAKE });
    return { ...protocol, registry, trainer, squatter, config, taskA, taskB };
  }

  it("the reported fault: no chunk is public before its author is on chain, and a stranger cannot register it", async function () {
    const f = await loadFixture(committed);
    await time.increaseTo(f.config.commitDeadline);
    const [first] = modelChunks(tree, 100);
    // Nobody, the trainer included, publishes a byte before authorship is recorded.
    await expect(f.tasks.connect(f.trainer).publishModelChunk(tree.header, tree.rowsRoot, 0, first.height, first.rows, first.proof))
      .to.be.revertedWithCustomError(f.tasks, "ModelAuthorUnknown")
      .withArgs(tree.modelRoot);
    // A front-runner copying the trainer's claim cannot open a commitment bound to the trainer's address.
    await expect(f.tasks.connect(f.squatter).claimModelAuthorship(f.taskA, salt, tree.modelRoot))
      .to.be.revertedWithCustomError(f.tasks, "NotCommitted")
      .withArgs(f.taskA, f.squatter.address);
    await expect(f.tasks.connect(f.trainer).claimModelAuthorship(f.taskA, salt, tree.modelRoot))
      .to.emit(f.tasks, "ModelAuthorClaimed")
      .withArgs(tree.modelRoot, f.trainer.address, f.taskA);
    await publishModel(f.tasks, f.outsider, tree, 100);

    // The squatter learned the root and the bytes from the chain, then races the trainer to the registry.
    await expect(f.registry.connect(f.squatter).register(Kind.Model, tree.modelRoot, CID, "ipfs://squat"))
      .to.be.revertedWithCustomError(f.registry, "NotContentAuthor")
      .withArgs(tree.modelRoot, f.trainer.address, f.squatter.address);
    const squatSalt = id("squat");
    await f.registry.connect(f.squatter).commitRegistration(await f.registry.registrationCommitment(tree.modelRoot, f.squatter, squatSalt, f.squatter));
    await expect(f.registry.connect(f.squatter).registerCommitted(Kind.Model, tree.modelRoot, CID, "ipfs://squat", f.squatter, squatSalt))
      .to.be.revertedWithCustomError(f.registry, "NotContentAuthor")
      .withArgs(tree.modelRoot, f.trainer.address, f.squatter.address);
    // Before the task even reveals, the author registers it.
    await f.registry.connect(f.trainer).register(Kind.Model, tree.modelRoot, CID, "ipfs://model");
    expect(await f.registry.ownerOf(await f.registry.tokenOfContent(tree.modelRoot))).to.equal(f.trainer.address);
  });

  it("a stranger who commits to the published root in another task cannot take the authorship", async function () {
    const f = await loadFixture(committed);
    // The squatter learns the root from the trainer's claim and commits to it in task B before B's commit deadline.
    await time.increaseTo(f.config.commitDeadline - 10);
    await f.tasks.connect(f.squatter).commit(f.taskB, modelCommitment(tree.modelRoot, salt, f.squatter.address, f.taskB), { value: STAKE });
    await time.increaseTo(f.config.commitDeadline);
    await f.tasks.connect(f.trainer).claimModelAuthorship(f.taskA, salt, tree.modelRoot);
    await expect(f.tasks.connect(f.squatter).claimModelAuthorship(f.taskB, salt, tree.modelRoot))
      .to.be.revertedWithCustomError(f.tasks, "ModelAuthorTaken")
      .withArgs(tree.modelRoot, f.trainer.address, f.squatter.address);
    expect(await f.tasks.authorOf(tree.modelRoot)).to.equal(f.trainer.address);
    // Claiming again is harmless for the author.
    await expect(f.tasks.connect(f.trainer).claimModelAuthorship(f.taskA, salt, tree.modelRoot)).to.not.emit(f.tasks, "ModelAuthorClaimed");
  });

  it("bad input: outside the reveal window, a small-model task, or a wrong opening changes nothing", async function () {
    const f = await loadFixture(committed);
    await expect(f.tasks.connect(f.trainer).claimModelAuthorship(f.taskA, salt, tree.modelRoot))
      .to.be.revertedWithCustomError(f.tasks, "OutsideWindow");
    await time.increaseTo(f.config.commitDeadline);
    await expect(f.tasks.connect(f.trainer).claimModelAuthorship(f.taskA, id("other salt"), tree.modelRoot))
      .to.be.revertedWithCustomError(f.tasks, "CommitmentMismatch");
    const small = await createTask(f.tasks, f.submitter, await taskConfigFor(ethers, scenario));
    await expect(f.tasks.connect(f.trainer).claimModelAuthorship(small, salt, tree.modelRoot))
      .to.be.revertedWithCustomError(f.tasks, "NotLargeModelTask")
      .withArgs(small);
    expect(await f.tasks.authorOf(tree.modelRoot)).to.equal(ethers.ZeroAddress);
  });
});
