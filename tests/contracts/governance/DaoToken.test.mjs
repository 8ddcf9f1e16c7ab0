import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();

describe("DaoToken", function () {
  const SUPPLY = 1_000n * 10n ** 18n;

  async function token() {
    const [deployer, holder, relayer, spender] = await ethers.getSigners();
    const dao = await ethers.deployContract("DaoToken", ["DAO Token", "DAO", holder.address, SUPPLY]);
    const { chainId } = await ethers.provider.getNetwork();
    const domain = { name: "DAO Token", version: "1", chainId, verifyingContract: await dao.getAddress() };
    return { deployer, holder, relayer, spender, dao, domain };
  }

  it("mints the whole supply to the recipient given at construction", async function () {
    const { deployer, holder, dao } = await networkHelpers.loadFixture(token);
    expect(await dao.totalSupply()).to.equal(SUPPLY);
    expect(await dao.balanceOf(holder)).to.equal(SUPPLY);
    expect(await dao.balanceOf(deployer)).to.equal(0n);
    await expect(dao.deploymentTransaction())
      .to.emit(dao, "Transfer")
      .withArgs(ethers.ZeroAddress, holder.address, SUPPLY);
  });

  it("rejects the zero address as recipient", async function () {
    const { dao } = await networkHelpers.loadFixture(token);
    const factory = await ethers.getContractFactory("DaoToken");
    await expect(factory.deploy("DAO Token", "DAO", ethers.ZeroAddress, SUPPLY))
      .to.be.revertedWithCustomError(dao, "ERC20InvalidReceiver")
      .withArgs(ethers.ZeroAddress);
  });

  it("lets a holder delegate by signature through a relayer", async function () {
    const { holder, relayer, dao, domain } = await networkHelpers.loadFixture(token);
    const expiry = BigInt(await networkHelpers.time.latest()) + 3600n;
    const types = {
      Delegation: [
        { name: "delegatee", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "expiry", type: "uint256" },
      ],
    };
    const signature = ethers.Signature.from(
      await holder.signTypedData(domain, types, { delegatee: holder.address, nonce: 0n, expiry }),
    );
    await expect(dao.connect(relayer).delegateBySig(holder.address, 0n, expiry, signature.v, signature.r, signature.s))
      .to.emit(dao, "DelegateChanged")
      .withArgs(holder.address, ethers.ZeroAddress, holder.address);
    expect(await dao.getVotes(holder)).to.equal(SUPPLY);
    expect(await dao.nonces(holder)).to.equal(1n);
  });

  it("accepts EIP-2612 permits and shares the nonce with delegation", async function () {
    const { holder, relayer, spender, dao, domain } = await networkHelpers.loadFixture(token);
    const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
    const types = {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    };
    const message = { owner: holder.address, spender: spender.address, value: 5n, nonce: 0n, deadline };
    const signature = ethers.Signature.from(await holder.signTypedData(domain, types, message));
    await dao.connect(relayer).permit(holder, spender, 5n, deadline, signature.v, signature.r, signature.s);
    expect(await dao.allowance(holder, spender)).to.equal(5n);
    expect(await dao.nonces(holder)).to.equal(1n);
  });
});
