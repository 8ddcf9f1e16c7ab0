// CIDv1 of raw bytes hashed with sha2-256, in multibase base32 (lower case, no padding): the CID
// IPFS gives a file added with `--cid-version 1 --raw-leaves` when it fits in one block.
import { createHash } from "node:crypto";

const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const CID_V1 = 0x01;
const RAW_CODEC = 0x55;
const SHA2_256 = 0x12;
const DIGEST_LENGTH = 0x20;

function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** The "bafkrei..." CID string of `content` (a Uint8Array or Buffer). */
export function rawSha256Cid(content) {
  const digest = createHash("sha256").update(content).digest();
  return "b" + base32(Buffer.concat([Buffer.from([CID_V1, RAW_CODEC, SHA2_256, DIGEST_LENGTH]), digest]));
}
