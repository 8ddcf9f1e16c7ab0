// Issue 20, fault 3: publication gas grows with the number of rows (a leaf hash and a tree node each), but the
// stock tooling bounded chunks only in bytes, so for valid narrow-and-wide shapes such as
// 1-4096-1-4096-1-4096-1-4096-2 it made chunks above the per-transaction gas cap: the trainer could never reveal
// and lost its stake. modelChunks now bounds each chunk by its rows (leaves) as well as its bytes; every chunk
// of these extreme shapes is published here and measured.
import { expect } from "chai";
import { network } from "hardhat";
import { chunkGasBound, createRng, encodeModel, MAX_CHUNK_GAS, modelChunks, modelRowsTree, randomModel } from "../../../scripts/lib/evaluation.mjs";
import { deployProtocol } from "./fixtures.mjs";
import { claimAuthorship } from "./large-models.mjs";

const { ethers, networkHelpers } = await network.create();

/** EIP-7825's per-transaction gas cap (2^24), which OP-stack chains adopt with Fusaka. */
const TX_GAS_CAP = 16_777_216n;

describe("Model chunks fit one transaction for every shape (issue 20, fault 3)", function () {
  this.timeout(600_000);
  const shapes = [
    [1, 4096, 1, 4096, 1, 4096, 1, 4096, 2], // the reported shape: 16,387 rows of 5 bytes between wide rows
    [1, 4096, 4096, 2].map((d, i) => (i === 2 ? 1 : d)), // 1-4096-1-2
    [2, 4096, 3, 4096, 5], // short rows in both hidden layers
    [64, 1, 4096, 1, 4096, 3], // one-weight rows after a one-neuron layer
    [4096, 24, 2], // wide rows: chunks bounded by bytes
  ];

  for (const dims of shapes) {
    it(`${dims.join("-")}: every chunk the tooling makes publishes under ${MAX_CHUNK_GAS.toLocaleString("en-US")} gas`, async function () {
      const protocol = await deployProtocol(ethers);
      const tree = modelRowsTree(encodeModel(randomModel(createRng(dims.length), dims)));
      await claimAuthorship(ethers, networkHelpers, protocol.tasks, protocol.submitter, protocol.trainers[0], tree);
      let worst = 0n;
      for (const { firstRow, height, rows, proof } of modelChunks(tree)) {
        const tx = await protocol.tasks.publishModelChunk(tree.header, tree.rowsRoot, firstRow, height, rows, proof, { gasLimit: TX_GAS_CAP });
        const { gasUsed } = await tx.wait();
        // The tooling's bound is an upper bound of what the contract spends.
        expect(gasUsed <= BigInt(chunkGasBound(2 ** height, (rows.length - 2) / 2))).to.equal(true, `chunk at ${firstRow}: ${gasUsed} gas`);
        if (gasUsed > worst) worst = gasUsed;
      }
      expect(await protocol.tasks.publishedRows(tree.modelRoot)).to.equal(BigInt(tree.records.length));
      expect(worst <= BigInt(MAX_CHUNK_GAS)).to.equal(true, `costliest chunk ${worst} gas`);
      expect(worst < TX_GAS_CAP).to.equal(true);
    });
  }
});
