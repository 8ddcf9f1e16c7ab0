// Datasets as hidden test sets (issue 19): a dataset's owner commits a test-set root; a task created with the
// dataset takes it as its hidden test set, the owner (who keeps the data) reveals the chunks, and the registry
// records which tasks the dataset backs.
import { expect } from "chai";
import { id, ZeroHash } from "ethers";
import { network } from "hardhat";
import {
  createTask,
  deployProtocol,
  Kind,
  makeScenario,
  registerAsset,
  revealTestSet,
  taskConfigFor,
} from "../training/fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

describe("AssetRegistry: datasets as hidden test sets (issue 19)", function () {
  const scenario = makeScenario(1919, { size: 12 });

  async function deployed() {
    const protocol = await deployProtocol(ethers);
    // The data owner (the submitter here) registers its dataset by the hash of its full bytes.
    const owner = protocol.submitter;
    const datasetId = await registerAsset(protocol.registry, owner, Buffer.from("the owner's full dataset"), Kind.Dataset);
    return { ...protocol, owner, datasetId };
  }

  async function committed() {
    const p = await deployed();
    await p.registry.connect(p.owner).commitTestSetRoot(p.datasetId, scenario.tree.root);
    return p;
  }

  /** Creates a task on the dataset's test set; returns its id, config and transaction. */
  async function createOnDataset(p, from = p.owner, overrides = {}) {
    const config = await taskConfigFor(ethers, scenario, overrides);
    const tx = await p.tasks.connect(from).createTaskWithAssets(config, 0, "0x", p.datasetId, { value: config.reward });
    return { tx, config, taskId: 1n };
  }

  it("the owner commits a root, replaceable, with the old and the new value", async function () {
    const p = await loadFixture(deployed);
    await expect(p.registry.connect(p.owner).commitTestSetRoot(p.datasetId, scenario.tree.root))
      .to.emit(p.registry, "TestSetRootCommitted")
      .withArgs(p.datasetId, ZeroHash, scenario.tree.root);
    await expect(p.registry.connect(p.owner).commitTestSetRoot(p.datasetId, id("another draw")))
      .to.emit(p.registry, "TestSetRootCommitted")
      .withArgs(p.datasetId, scenario.tree.root, id("another draw"));
    expect(await p.registry.testSetRootOf(p.datasetId)).to.equal(id("another draw"));
  });

  it("a task named on the dataset uses its root, is recorded as backed by it, and the owner reveals the chunks", async function () {
    const p = await loadFixture(committed);
    const { tx, config, taskId } = await createOnDataset(p);
    await expect(tx).to.emit(p.registry, "TaskBacked").withArgs(p.datasetId, taskId);
    await expect(tx).to.emit(p.registry, "TaskAssetsNamed").withArgs(taskId, 0, p.datasetId);
    expect((await p.tasks.taskConfig(taskId)).testSetRoot).to.equal(scenario.tree.root);
    expect(await p.registry.tasksBackedBy(p.datasetId)).to.deep.equal([taskId]);
    await createOnDataset(p);
    expect(await p.registry.tasksBackedBy(p.datasetId)).to.deep.equal([1n, 2n]);
    await time.increaseTo(config.revealDeadline);
    await revealTestSet(p.tasks, p.owner, taskId, config, scenario);
    expect(await p.tasks.isTestSetRevealed(taskId)).to.equal(true);
  });

  it("a manager the owner approved may commit the root and back a task (e.g. its node)", async function () {
    const p = await loadFixture(deployed);
    const [node] = p.trainers;
    await p.registry.connect(p.owner).setApprovalForAll(node.address, true);
    await p.registry.connect(node).commitTestSetRoot(p.datasetId, scenario.tree.root);
    await createOnDataset(p, node);
    expect(await p.registry.tasksBackedBy(p.datasetId)).to.deep.equal([1n]);
  });

  describe("bad input: a custom error naming the values, and no state change", function () {
    it("a root committed by a stranger, for a model, or zero", async function () {
      const p = await loadFixture(deployed);
      await expect(p.registry.connect(p.outsider).commitTestSetRoot(p.datasetId, scenario.tree.root))
        .to.be.revertedWithCustomError(p.registry, "ERC721InsufficientApproval")
        .withArgs(p.outsider.address, p.datasetId);
      const modelId = await registerAsset(p.registry, p.owner, scenario.models[0]);
      await expect(p.registry.connect(p.owner).commitTestSetRoot(modelId, scenario.tree.root))
        .to.be.revertedWithCustomError(p.registry, "WrongAssetKind")
        .withArgs(modelId, Kind.Model, Kind.Dataset);
      await expect(p.registry.connect(p.owner).commitTestSetRoot(p.datasetId, ZeroHash))
        .to.be.revertedWithCustomError(p.registry, "ZeroTestSetRoot");
      await expect(p.registry.connect(p.owner).commitTestSetRoot(99, scenario.tree.root))
        .to.be.revertedWithCustomError(p.registry, "ERC721NonexistentToken")
        .withArgs(99);
      expect(await p.registry.testSetRootOf(p.datasetId)).to.equal(ZeroHash);
    });

    it("a task on a dataset without a root, on another root, or by a stranger", async function () {
      const p = await loadFixture(deployed);
      await expect(createOnDataset(p))
        .to.be.revertedWithCustomError(p.registry, "NoTestSetRoot")
        .withArgs(p.datasetId);
      await p.registry.connect(p.owner).commitTestSetRoot(p.datasetId, scenario.tree.root);
      await expect(createOnDataset(p, p.owner, { testSetRoot: id("not the dataset's") }))
        .to.be.revertedWithCustomError(p.registry, "TestSetRootMismatch")
        .withArgs(p.datasetId, scenario.tree.root, id("not the dataset's"));
      await expect(createOnDataset(p, p.outsider))
        .to.be.revertedWithCustomError(p.registry, "ERC721InsufficientApproval")
        .withArgs(p.outsider.address, p.datasetId);
      expect(await p.registry.tasksBackedBy(p.datasetId)).to.deep.equal([]);
      await expect(p.tasks.taskConfig(1)).to.be.revertedWithCustomError(p.tasks, "TaskNotFound");
    });

    it("a model named as the test set", async function () {
      const p = await loadFixture(committed);
      const modelId = await registerAsset(p.registry, p.owner, scenario.models[0]);
      const config = await taskConfigFor(ethers, scenario);
      await expect(p.tasks.connect(p.owner).createTaskWithAssets(config, 0, "0x", modelId, { value: config.reward }))
        .to.be.revertedWithCustomError(p.registry, "WrongAssetKind")
        .withArgs(modelId, Kind.Model, Kind.Dataset);
    });

    it("only the training tasks record a backing", async function () {
      const p = await loadFixture(committed);
      await expect(p.registry.connect(p.owner).nameTaskAssets(7, p.owner.address, 0, ZeroHash, p.datasetId, scenario.tree.root))
        .to.be.revertedWithCustomError(p.registry, "NotTrainingTasks")
        .withArgs(p.owner.address);
    });
  });

  it("a plain task still names no assets", async function () {
    const p = await loadFixture(committed);
    const config = await taskConfigFor(ethers, scenario);
    const taskId = await createTask(p.tasks, p.owner, config);
    const assets = await p.registry.taskAssetsOf(taskId);
    expect([assets.incumbentAsset, assets.testSetAsset]).to.deep.equal([0n, 0n]);
  });
});
