/** Deploys a TestToken and mints `supply` to the deploying (first) signer. */
export async function deployTestToken(ethers, supply) {
  const [deployer] = await ethers.getSigners();
  const token = await ethers.deployContract("TestToken", [], deployer);
  await (await token.mint(deployer.address, supply)).wait();
  return token;
}
