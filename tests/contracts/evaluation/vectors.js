// Shared by the evaluation tests: the committed conformance vectors of tests/vectors.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { VECTORS_DIR } from "../../../scripts/gen-vectors.mjs";

export const VECTOR_FILES = ["valid.json", "rejected.json", "mnist.json"];

const load = (name) => JSON.parse(readFileSync(join(VECTORS_DIR, name), "utf8"));

/** Every accepted model's case: valid.json then mnist.json. */
export const validCases = () => [...load("valid.json").cases, ...load("mnist.json").cases];

/** Every rejected model or input, with its stage and expected error. */
export const rejectedCases = () => load("rejected.json").cases;

/** The text of a committed vector file. */
export const vectorFileText = (name) => readFileSync(join(VECTORS_DIR, name), "utf8");
