// The content service from the browser: posts a signed Sign-In with Ethereum message to /auth/sign-in and keeps
// the session's bearer token in this tab (sessionStorage), then downloads an asset with it. Every call answers
// { result } or { error: { error, message } } with the service's own error code and words, never throws.
const tokenKey = 'daoplatform.content.session';

async function problemOf(response) {
  try {
    const body = await response.json();
    return { error: { error: String(body.error ?? response.status), message: String(body.message ?? response.statusText) } };
  } catch {
    return { error: { error: String(response.status), message: `the content service answered ${response.status} ${response.statusText}` } };
  }
}

/** Posts `message` (EIP-4361 text) and its personal_sign `signature`; keeps the session for this tab. */
export async function signIn(message, signature) {
  try {
    const response = await fetch('/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message, signature }),
    });
    if (!response.ok) {
      return await problemOf(response);
    }
    const session = await response.json();
    sessionStorage.setItem(tokenKey, JSON.stringify({ token: session.token, address: session.address, expiresAt: session.expiresAt }));
    return { result: { address: session.address, expiresAt: session.expiresAt } };
  } catch (e) {
    return { error: { error: 'network', message: String(e?.message ?? e) } };
  }
}

/** The signed-in account of this tab ({ address, expiresAt }), or null. */
export function session() {
  const kept = sessionStorage.getItem(tokenKey);
  if (!kept) {
    return null;
  }
  const { address, expiresAt } = JSON.parse(kept);
  return { address, expiresAt };
}

/** Downloads asset `assetId` (with pass `passId` when given) and offers it to save as `name`; answers its length. */
export async function download(assetId, passId, name) {
  const kept = sessionStorage.getItem(tokenKey);
  const headers = kept ? { Authorization: `Bearer ${JSON.parse(kept).token}` } : {};
  const query = passId ? `?pass=${encodeURIComponent(passId)}` : '';
  try {
    const response = await fetch(`/assets/${encodeURIComponent(assetId)}/content${query}`, { headers });
    if (!response.ok) {
      return await problemOf(response);
    }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return { result: { length: blob.size, contentHash: response.headers.get('X-Content-Hash') } };
  } catch (e) {
    return { error: { error: 'network', message: String(e?.message ?? e) } };
  }
}
