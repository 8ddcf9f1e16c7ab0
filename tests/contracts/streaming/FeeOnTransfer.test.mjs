// Issue 8, item 6: every contract that takes ERC-20 in credits what it received, or refuses a token that
// delivers less with a clear error. Fee-on-transfer tokens burn part of every transfer here.
import { expect } from "chai";
import { keccak256, parseEther } from "ethers";
import { network } from "hardhat";
import { createRng } from "../../../scripts/lib/evaluation.mjs";
import { modelCommitment } from "../../../scripts/lib/test-set.mjs";
import { deployProtocol, makeScenario, taskConfigFor } from "../training/fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;
const DAY = 86_400;

describe("Fee-on-transfer tokens (issue 8, item 6)", function () {
  const scenario = makeScenario(61, { size: 4 });

  async function deploy() {
    const protocol = await deployProtocol(ethers);
    const [holder] = await ethers.getSigners();
    const tokens = {};
    for (const bps of [0, 1, 100, 500]) {
      tokens[bps] = await ethers.deployContract("FeeToken", [bps]);
      for (const s of [holder, protocol.submitter, ...protocol.trainers, protocol.evaluator]) {
        await tokens[bps].mint(s.address, parseEther("1000000"));
      }
    }
    const streams = await ethers.deployContract("StreamVault");
    const registry = await ethers.deployContract("AssetRegistry", [await ethers.deployContract("StandInAuthors", [holder.address])]);
    return { ...protocol, holder, tokens, streams, registry };
  }

  describe("the reported scenario", function () {
    it("TrainingTasks refuses a 1 % fee token instead of escrowing 9.9 as 10", async function () {
      const { tasks, submitter, tokens } = await loadFixture(deploy);
      const token = tokens[100];
      await token.connect(submitter).approve(tasks, parseEther("1000"));
      const config = await taskConfigFor(ethers, scenario, { token: await token.getAddress() });
      await expect(tasks.connect(submitter).createTask(config))
        .to.be.revertedWithCustomError(tasks, "TokenDeliveredLess")
        .withArgs(await token.getAddress(), config.reward, (config.reward * 99n) / 100n);
    });

    it("StreamVault refuses it too: a stream must hold exactly what it streams", async function () {
      const { streams, holder, tokens } = await loadFixture(deploy);
      await tokens[100].connect(holder).approve(streams, parseEther("1000"));
      await expect(streams.connect(holder).create(tokens[100], holder, 10n ** 18n, DAY)).to.be.revertedWithCustomError(
        streams,
        "TokenDeliveredLess",
      );
    });
  });

  describe("property: whatever the fee, nothing is credited that the contract does not hold", function () {
    it("exact-amount contracts (tasks, stakes, bonds, streams) take a token only when it delivers in full", async function () {
      const { tasks, verifier, streams, submitter, trainers, tokens } = await loadFixture(deploy);
      for (const [bps, token] of Object.entries(tokens)) {
        const address = await token.getAddress();
        for (const s of [submitter, ...trainers]) {
          await token.connect(s).approve(tasks, parseEther("100000"));
          await token.connect(s).approve(streams, parseEther("100000"));
          await token.connect(s).approve(verifier, parseEther("100000"));
        }
        const config = await taskConfigFor(ethers, scenario, { token: address });
        const create = tasks.connect(submitter).createTask(config);
        const stream = streams.connect(trainers[0]).create(token, trainers[1], 10n ** 18n, DAY);
        if (bps === "0") {
          await expect(create).to.emit(tasks, "TaskCreated");
          await expect(stream).to.emit(streams, "StreamCreated");
        } else {
          await expect(create).to.be.revertedWithCustomError(tasks, "TokenDeliveredLess");
          await expect(stream).to.be.revertedWithCustomError(streams, "TokenDeliveredLess");
        }
      }
    });

    it("crediting contracts (revenue splitter, registry revenue) credit what arrived and can pay every credit", async function () {
      const { holder, trainers, registry, tokens } = await loadFixture(deploy);
      const rng = createRng(66);
      const [alice, bob] = trainers;
      for (const [, token] of Object.entries(tokens)) {
        const splitter = await ethers.deployContract("RevenueSplitter", [token, 30 * DAY, holder.address]);
        await splitter.setShares(alice, 2);
        await splitter.setShares(bob, 3);
        await token.connect(holder).approve(splitter, ethers.MaxUint256);
        await token.connect(holder).approve(registry, ethers.MaxUint256);
        const tokenId = await registry.register.staticCall(0, keccak256(await token.getAddress()), "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", "ipfs://m");
        await registry.register(0, keccak256(await token.getAddress()), "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", "ipfs://m");
        for (let step = 0; step < 8; step++) {
          const amount = BigInt(rng.int(1, 1_000_000)) * 10n ** BigInt(rng.int(0, 15));
          await splitter.connect(holder).deposit(amount);
          await registry.connect(holder).payRevenue(tokenId, token, amount);
          await time.increase(rng.int(1, 10) * DAY);
        }
        await time.increase(40 * DAY);
        for (const p of [alice, bob]) await splitter.release(p);
        const revenue = await registry.revenueOf(holder, token);
        await registry.connect(holder).withdrawRevenue(token, holder);
        // Every credit was paid; what stays is the splitter's sub-unit rounding only.
        expect(await token.balanceOf(registry)).to.equal(0n);
        expect(await token.balanceOf(splitter)).to.be.at.most(3n);
        expect(revenue).to.be.greaterThan(0n);
      }
    });
  });
});
