# Sourced by scripts that need a devnet of their own (scripts/demo, scripts/benchmark): starts one on
# a free port (or DEVNET_PORT) with its own state directory, exports DEVNET_RPC_URL, and stops it
# when the calling script exits. Expects ROOT to be the repository root.

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start_private_devnet() {
  export DEVNET_PORT="${DEVNET_PORT:-$(free_port)}"
  export DEVNET_STATE_DIR
  DEVNET_STATE_DIR="$(mktemp -d "${TMPDIR:-/tmp}/daoplatform-devnet.XXXXXX")"
  trap stop_private_devnet EXIT
  "$ROOT/scripts/devnet" start
  export DEVNET_RPC_URL="http://127.0.0.1:$DEVNET_PORT"
}

stop_private_devnet() {
  "$ROOT/scripts/devnet" stop || true
  rm -rf "$DEVNET_STATE_DIR"
}
