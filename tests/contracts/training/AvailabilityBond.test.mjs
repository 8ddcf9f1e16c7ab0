// Issue 20: the availability game's least challenge bond is a DAO parameter, owned through the verifier's owner
// (the governance timelock), set within bounds, with an event.
import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";
import { deployProtocol } from "./fixtures.mjs";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

describe("ModelAvailability: the least challenge bond as a DAO parameter (issue 20)", function () {
  async function deployed() {
    const protocol = await deployProtocol(ethers);
    const availability = await ethers.getContractAt("ModelAvailability", await protocol.tasks.availability());
    return { ...protocol, availability };
  }

  it("is owned by the verifier's owner, and follows a transfer of the verifier", async function () {
    const { availability, verifier, governance, outsider } = await loadFixture(deployed);
    expect(await availability.owner()).to.equal(governance.address);
    await verifier.connect(governance).transferOwnership(outsider.address);
    expect(await availability.owner()).to.equal(outsider.address);
    await expect(availability.connect(governance).setMinChallengeBond(parseEther("0.01")))
      .to.be.revertedWithCustomError(availability, "OwnableUnauthorizedAccount")
      .withArgs(governance.address);
    await availability.connect(outsider).setMinChallengeBond(parseEther("0.01"));
    expect(await availability.minChallengeBond()).to.equal(parseEther("0.01"));
  });

  it("is set by governance, with the old and the new value, and prices the next challenge", async function () {
    const { availability, governance } = await loadFixture(deployed);
    const old = await availability.minChallengeBond();
    expect(old).to.equal(parseEther("0.001"));
    const bond = parseEther("0.5");
    await expect(availability.connect(governance).setMinChallengeBond(bond))
      .to.emit(availability, "MinChallengeBondUpdated")
      .withArgs(old, bond);
    // The hardhat network's base fee is far below 0.5 ETH / 10 M gas, so the floor decides.
    expect(await availability.challengeBond()).to.equal(bond);
  });

  it("accepts both bounds", async function () {
    const { availability, governance } = await loadFixture(deployed);
    for (const name of ["MIN_MIN_CHALLENGE_BOND", "MAX_MIN_CHALLENGE_BOND"]) {
      const bound = await availability[name]();
      await availability.connect(governance).setMinChallengeBond(bound);
      expect(await availability.minChallengeBond()).to.equal(bound);
    }
  });

  it("bad input: outside its bounds or from anyone but the owner is refused, naming the values, and changes nothing", async function () {
    const { availability, governance, outsider } = await loadFixture(deployed);
    const min = await availability.MIN_MIN_CHALLENGE_BOND();
    const max = await availability.MAX_MIN_CHALLENGE_BOND();
    for (const bond of [0n, min - 1n, max + 1n, ethers.MaxUint256]) {
      await expect(availability.connect(governance).setMinChallengeBond(bond))
        .to.be.revertedWithCustomError(availability, "MinChallengeBondOutOfRange")
        .withArgs(bond, min, max);
    }
    await expect(availability.connect(outsider).setMinChallengeBond(min))
      .to.be.revertedWithCustomError(availability, "OwnableUnauthorizedAccount")
      .withArgs(outsider.address);
    expect(await availability.minChallengeBond()).to.equal(parseEther("0.001"));
  });
});
