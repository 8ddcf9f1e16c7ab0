// Prints the CID that a real IPFS implementation (ipfs-unixfs-importer, the importer of Helia and
// ipfs-car) gives a file, with the options of `ipfs add --cid-version 1`: raw leaves, 256 KiB
// chunks, balanced DAG of at most 174 links per node.
// Usage: node unixfs-cid.mjs FILE...  ->  one line per file: its root CID.
import { readFile } from 'node:fs/promises';
import { importer } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import { MemoryBlockstore } from 'blockstore-core/memory';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node unixfs-cid.mjs FILE...');
  process.exit(2);
}
const options = {
  cidVersion: 1,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  chunker: fixedSize({ chunkSize: 262144 }),
  layout: balanced({ maxChildrenPerNode: 174 }),
};
for (const file of files) {
  const content = await readFile(file);
  let root;
  for await (const entry of importer([{ content }], new MemoryBlockstore(), options)) {
    root = entry.cid;
  }
  console.log(root.toString());
}
