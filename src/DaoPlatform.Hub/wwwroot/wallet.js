// The hub's only script of its own: finds the user's wallets (EIP-6963, with the EIP-1193 window.ethereum
// fallback) and passes requests to the one chosen. Keys stay in the wallet; the server sees addresses, chain ids,
// transaction hashes and signatures. Every call answers { result } or { error: { code, message } }, never throws,
// so the page can say what the wallet did (4001: the user refused).
const announced = new Map();
let current = null;

window.addEventListener('eip6963:announceProvider', (event) => {
  const detail = event.detail;
  if (detail?.info?.uuid && detail.provider) {
    announced.set(detail.info.uuid, detail);
  }
});

function errorOf(e) {
  return { code: typeof e?.code === 'number' ? e.code : -1, message: String(e?.message ?? e) };
}

function providerOf(id) {
  return id === 'injected' ? window.ethereum : announced.get(id)?.provider;
}

/** The wallets in this browser: [{ id, name, rdns }]. Waits briefly for EIP-6963 announcements. */
export async function discover() {
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  await new Promise((resolve) => setTimeout(resolve, 150));
  const wallets = [...announced.values()].map((d) => ({ id: d.info.uuid, name: d.info.name, rdns: d.info.rdns ?? '' }));
  if (wallets.length === 0 && window.ethereum?.request) {
    wallets.push({ id: 'injected', name: 'Browser wallet', rdns: '' });
  }
  return wallets;
}

/** Asks wallet `id` for its accounts; reports later account and chain changes to `listener` (.NET). */
export async function connect(id, listener) {
  const provider = providerOf(id);
  if (!provider) {
    return { error: { code: -1, message: 'that wallet is no longer in this browser' } };
  }
  try {
    const accounts = await provider.request({ method: 'eth_requestAccounts' });
    const chainId = await provider.request({ method: 'eth_chainId' });
    if (current && current.provider !== provider && current.provider.removeListener) {
      current.provider.removeListener('accountsChanged', current.onAccounts);
      current.provider.removeListener('chainChanged', current.onChain);
    }
    const onAccounts = (a) => listener.invokeMethodAsync('AccountsChanged', a ?? []);
    const onChain = (c) => listener.invokeMethodAsync('ChainChanged', String(c));
    provider.on?.('accountsChanged', onAccounts);
    provider.on?.('chainChanged', onChain);
    current = { provider, onAccounts, onChain };
    return { result: { accounts, chainId } };
  } catch (e) {
    return { error: errorOf(e) };
  }
}

/** One EIP-1193 request to the connected wallet. */
export async function request(method, params) {
  if (!current) {
    return { error: { code: 4100, message: 'no wallet is connected' } };
  }
  try {
    return { result: await current.provider.request({ method, params }) };
  } catch (e) {
    return { error: errorOf(e) };
  }
}

/** Offers `text` as a download named `name` (a commit record, a ballot) without a server round trip. */
export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Keeps `text` in this browser's localStorage under `key` (a commit record: the salt never leaves the browser again). */
export function keep(key, text) {
  localStorage.setItem(key, text);
}

/** What `keep` kept under `key`, or null. */
export function kept(key) {
  return localStorage.getItem(key);
}
