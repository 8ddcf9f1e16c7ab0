// Issue 20, fault 4: the rows tree's padding leaves (past the model's last row) must be zero. A model committed
// with other padding used to be accepted, while the standard tools compute another root from the same rows and
// cannot prove a wrong neuron against it. publishModelChunk now checks every all-padding sibling of a proof.
import { expect } from "chai";
import { concat, id, keccak256, ZeroHash } from "ethers";
import { network } from "hardhat";
import { createRng, encodeModel, modelChunks, modelRootOf, modelRows, modelRowsTree, randomModel } from "../../../scripts/lib/evaluation.mjs";
import { leafHash, treeDepth } from "../../../scripts/lib/test-set.mjs";

const hashPair = (left, right) => keccak256(concat([left, right]));
import { deployProtocol } from "./fixtures.mjs";
import { claimAuthorship } from "./large-models.mjs";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

/** The rows tree of `model` with `pad(i)` as leaf i past the last row (the standard tree pads with zero). */
function paddedTree(model, pad) {
  const { header, rows } = modelRows(model);
  const depth = treeDepth(rows.length);
  let level = rows.map((row, i) => leafHash(i, row));
  for (let i = rows.length; i < 1 << depth; i++) level.push(pad(i));
  const levels = [level];
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 2) next.push(hashPair(level[i], level[i + 1]));
    levels.push(next);
    level = next;
  }
  return { root: level[0], depth, levels, records: rows, header, rowsRoot: level[0], modelRoot: modelRootOf(header, level[0]) };
}

describe("ModelPublication: the rows tree's padding leaves are zero (issue 20, fault 4)", function () {
  // 5 + 4 + 3 = 12 rows: a depth-4 tree with padding leaves 12..15.
  const deploy = () => deployProtocol(ethers);
  const model = encodeModel(randomModel(createRng(404), [6, 5, 4, 3]));
  // One row per chunk (maxBytes 0): every padding subtree appears as a proof sibling of some chunk.
  const publish = ({ tasks, submitter, trainers }, tree) => async () => {
    await claimAuthorship(ethers, networkHelpers, tasks, submitter, trainers[0], tree);
    for (const { firstRow, height, rows, proof } of modelChunks(tree, 0)) {
      await tasks.publishModelChunk(tree.header, tree.rowsRoot, firstRow, height, rows, proof);
    }
  };

  it("the reported fault: a root over non-zero padding is refused, naming the padding node", async function () {
    const protocol = await loadFixture(deploy);
    const { tasks } = protocol;
    const bad = paddedTree(model, (i) => id(`padding ${i}`));
    await claimAuthorship(ethers, networkHelpers, tasks, protocol.submitter, protocol.trainers[0], bad);
    const chunks = [...modelChunks(bad, 80)]; // 8 rows of 10 and 9 bytes fit 80 bytes, 16 do not
    expect(chunks.map((c) => [c.firstRow, c.height])).to.deep.equal([[0, 3], [8, 2]]);
    await tasks.publishModelChunk(bad.header, bad.rowsRoot, 0, 3, chunks[0].rows, chunks[0].proof); // holds no padding
    // Rows 8..11: its first sibling is the subtree of leaves 12..15, all padding.
    await expect(tasks.publishModelChunk(bad.header, bad.rowsRoot, 8, 2, chunks[1].rows, chunks[1].proof))
      .to.be.revertedWithCustomError(tasks, "NonZeroPadding")
      .withArgs(bad.modelRoot, 2, 3, bad.levels[2][3]);
    expect(await tasks.publishedRows(bad.modelRoot)).to.equal(8n);
  });

  it("one non-zero padding leaf anywhere is enough to refuse", async function () {
    const protocol = await loadFixture(deploy);
    for (const leaf of [12, 13, 15]) {
      const bad = paddedTree(model, (i) => (i === leaf ? id("x") : ZeroHash));
      await expect(publish(protocol, bad)()).to.be.revertedWithCustomError(protocol.tasks, "NonZeroPadding");
    }
  });

  it("the standard tree (zero padding) publishes, and equals the tools' root", async function () {
    const protocol = await loadFixture(deploy);
    const good = paddedTree(model, () => ZeroHash);
    expect(good.rowsRoot).to.equal(modelRowsTree(model).rowsRoot);
    await publish(protocol, good)();
    expect(await protocol.tasks.publishedRows(good.modelRoot)).to.equal(12n);
  });

  it("property: random shapes, random padding: refused exactly when some padding leaf is non-zero", async function () {
    const rng = createRng(4040);
    for (let round = 0; round < 6; round++) {
      const protocol = await deploy();
      const dims = [rng.int(2, 6), rng.int(1, 7), rng.int(1, 5), rng.int(2, 4)];
      const m = encodeModel(randomModel(rng, dims));
      const rows = dims.slice(1).reduce((a, b) => a + b, 0);
      const padded = (1 << treeDepth(rows)) - rows;
      const dirty = padded > 0 && rng.int(0, 1) === 1;
      const spot = rows + rng.int(0, Math.max(0, padded - 1));
      const tree = paddedTree(m, (i) => (dirty && i === spot ? id(`dirt ${round}`) : ZeroHash));
      if (dirty) await expect(publish(protocol, tree)()).to.be.revertedWithCustomError(protocol.tasks, "NonZeroPadding");
      else {
        await publish(protocol, tree)();
        expect(await protocol.tasks.publishedRows(tree.modelRoot)).to.equal(BigInt(rows));
      }
    }
  });
});
