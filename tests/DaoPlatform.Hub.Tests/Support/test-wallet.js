// An EIP-6963 test wallet injected before the page's scripts (AddInitScriptAsync). It keeps no key: every
// request goes to the test through the exposed function __testWalletRpc, which answers for the chosen dev
// account, forwards sends and signatures to anvil (whose dev accounts sign without keys) or refuses with 4001.
(() => {
  const listeners = new Map();
  const emit = (event, value) => (listeners.get(event) ?? []).forEach((f) => f(value));
  const provider = {
    isTestWallet: true,
    async request({ method, params }) {
      const answer = JSON.parse(await window.__testWalletRpc(JSON.stringify({ method, params: params ?? [] })));
      if (answer.error) {
        const error = new Error(answer.error.message);
        error.code = answer.error.code;
        throw error;
      }
      if (answer.emit) {
        emit(answer.emit.event, answer.emit.value);
      }
      return answer.result;
    },
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    removeListener(event, listener) {
      listeners.set(event, (listeners.get(event) ?? []).filter((f) => f !== listener));
    },
  };
  const info = Object.freeze({
    uuid: '6f1c2a57-3c1e-4d0e-9a57-0c7e1a7f2b10',
    name: 'Test Wallet',
    icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="16" height="16"/%3E',
    rdns: 'org.daoplatform.testwallet',
  });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})();
