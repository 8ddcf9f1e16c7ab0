// Issue 8, item 2: nobody takes content that is not theirs by registering it first. A model revealed in a
// task is registered only by the trainer who revealed it; other content goes through commit, then register.
import { expect } from "chai";
import { id, keccak256, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import { deployProtocol, makeScenario, taskReadyForEvaluation } from "../training/fixtures.mjs";
import { rawSha256Cid } from "./cid.mjs";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;
const Kind = { Model: 0, Dataset: 1, Code: 2 };

describe("AssetRegistry content squatting (issue 8, item 2)", function () {
  const scenario = makeScenario(31, { size: 4 });

  async function deploy() {
    const protocol = await deployProtocol(ethers);
    const registry = await ethers.deployContract("AssetRegistry", [protocol.tasks]);
    return { ...protocol, registry };
  }

  const asset = (bytes) => ({ hash: keccak256(bytes), cid: rawSha256Cid(Buffer.from(bytes.slice(2), "hex")) });

  describe("the reported scenarios", function () {
    it("a revealed model cannot be registered by anyone but its trainer", async function () {
      const protocol = await loadFixture(deploy);
      const { registry, tasks, trainers, outsider } = protocol;
      await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
      const { hash, cid } = asset(scenario.models[0]);
      expect(await tasks.authorOf(hash)).to.equal(trainers[0].address);
      // The squatter read the bytes from the reveal's calldata and races the author.
      await expect(registry.connect(outsider).register(Kind.Model, hash, cid, "ipfs://squat"))
        .to.be.revertedWithCustomError(registry, "NotContentAuthor")
        .withArgs(hash, trainers[0].address, outsider.address);
      await expect(registry.connect(outsider).registerFor(outsider, Kind.Model, hash, cid, "ipfs://squat"))
        .to.be.revertedWithCustomError(registry, "NotContentAuthor");
      const salt = id("squatter");
      await registry.connect(outsider).commitRegistration(await registry.registrationCommitment(hash, outsider, salt, outsider));
      await expect(registry.connect(outsider).registerCommitted(Kind.Model, hash, cid, "ipfs://squat", outsider, salt))
        .to.be.revertedWithCustomError(registry, "NotContentAuthor");
      // The author registers it, straight into another owner if it likes; revenue follows the token.
      await registry.connect(trainers[0]).registerFor(protocol.submitter, Kind.Model, hash, cid, "ipfs://model");
      expect(await registry.ownerOf(await registry.tokenOfContent(hash))).to.equal(protocol.submitter.address);
    });

    it("other content cannot be front-run: commit first, register in a later block", async function () {
      const { registry, alice, outsider } = { ...(await loadFixture(deploy)), alice: (await ethers.getSigners())[4] };
      const { hash, cid } = asset(id("a dataset nobody has seen"));
      await expect(registry.connect(alice).register(Kind.Dataset, hash, cid, "ipfs://d"))
        .to.be.revertedWithCustomError(registry, "RegistrationNotCommitted")
        .withArgs(hash);
      const salt = id("alice's secret");
      await registry.connect(alice).commitRegistration(await registry.registrationCommitment(hash, alice, salt, alice));
      // Alice's registration and a front-runner who learns the hash from it land in the same block: the
      // front-runner's commitment is too young, and it cannot register directly.
      await ethers.provider.send("evm_setAutomine", [false]);
      const squatSalt = id("squat");
      const squatCommitment = await registry.registrationCommitment(hash, outsider, squatSalt, outsider);
      const txs = [
        await registry.connect(outsider).commitRegistration(squatCommitment),
        await registry.connect(outsider).registerCommitted(Kind.Dataset, hash, cid, "ipfs://s", outsider, squatSalt, { gasLimit: 500_000 }),
        await registry.connect(alice).registerCommitted(Kind.Dataset, hash, cid, "ipfs://d", alice, salt, { gasLimit: 500_000 }),
      ];
      await ethers.provider.send("evm_mine", []);
      await ethers.provider.send("evm_setAutomine", [true]);
      const statuses = await Promise.all(txs.map((tx) => ethers.provider.getTransactionReceipt(tx.hash).then((r) => r.status)));
      expect(statuses).to.deep.equal([1, 0, 1]);
      expect(await registry.ownerOf(await registry.tokenOfContent(hash))).to.equal(alice.address);
      await expect(registry.connect(outsider).registerCommitted(Kind.Dataset, hash, cid, "ipfs://s", outsider, squatSalt))
        .to.be.revertedWithCustomError(registry, "ContentAlreadyRegistered");
    });
  });

  describe("property: squatters never own content they did not author or commit to first", function () {
    it("random authors, squatters, task reveals and registration orders", async function () {
      const protocol = await loadFixture(deploy);
      const { registry, trainers, outsider } = protocol;
      await taskReadyForEvaluation(ethers, networkHelpers, protocol, scenario);
      const rng = createRng(3131);
      const squatters = [outsider, protocol.challenger];
      // Contents: the three revealed models (authors: trainers 0..2) and four off-platform files (author: bob).
      const contents = [
        ...scenario.models.map((bytes, m) => ({ ...asset(bytes), author: trainers[m], seen: true })),
        ...[1, 2, 3, 4].map((n) => ({ ...asset(id(`file ${n}`)), author: trainers[1], seen: false })),
      ];
      const committed = new Map();
      // Squatters learn content only once it is public: revealed in a task, or named in a transaction.
      const known = new Set(contents.filter((c) => c.seen).map((c) => c.hash));
      for (let step = 0; step < 60; step++) {
        const c = contents[rng.int(0, contents.length - 1)];
        const actor = rng.int(0, 2) === 0 ? c.author : squatters[rng.int(0, 1)];
        if (actor !== c.author && !known.has(c.hash)) continue;
        const salt = id(`salt ${step}`);
        const key = `${actor.address}:${c.hash}`;
        const route = rng.int(0, 2);
        if (route === 0 && actor === c.author && !c.seen) {
          // An author tries the direct route for unpublished content in a simulation, which publishes nothing.
          await expect(registry.connect(actor).register.staticCall(Kind.Model, c.hash, c.cid, "ipfs://x")).to.be.reverted;
        } else if (route === 0) {
          await registry.connect(actor).register(Kind.Model, c.hash, c.cid, "ipfs://x").catch(() => {});
          known.add(c.hash);
        }
        if (route === 1) {
          await registry.connect(actor).commitRegistration(await registry.registrationCommitment(c.hash, actor, salt, actor));
          committed.set(key, salt);
        }
        if (route === 2 && committed.has(key)) {
          await registry.connect(actor).registerCommitted(Kind.Model, c.hash, c.cid, "ipfs://x", actor, committed.get(key)).catch(() => {});
          known.add(c.hash);
        }
      }
      let registered = 0;
      for (const c of contents) {
        const tokenId = await registry.tokenOfContent(c.hash).catch(() => 0n);
        if (tokenId === 0n) continue;
        registered++;
        expect(await registry.ownerOf(tokenId)).to.equal(c.author.address);
      }
      expect(registered).to.be.greaterThan(0);
    });
  });
});
