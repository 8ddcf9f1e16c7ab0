# Sourced by the scripts: ensure_node_modules ROOT installs the npm packages when node_modules is
# missing, or when package-lock.json changed since the install and the installed packages no longer
# satisfy it. A node_modules that is a link to a shared install is never reinstalled from here.
#
# `npm install`, not `npm ci`: the registry reachable here serves only this platform's builds of the
# optional per-platform packages (anvil's and Hardhat EDR's darwin/win32/arm64 builds answer 404), so
# package-lock.json cannot list them and `npm ci` refuses the lock as out of sync. `npm install`
# installs the locked versions of everything it resolves and leaves the lock file unchanged.

ensure_node_modules() {
  local root="$1"
  if [[ ! -e "$root/node_modules/.bin/hardhat" || ! -e "$root/node_modules/.bin/anvil" ]]; then
    echo "== node_modules missing: npm install" >&2
    (cd "$root" && npm install --no-audit --no-fund) || { echo "npm install failed" >&2; return 1; }
  elif [[ ! -f "$root/node_modules/.package-lock.json" || "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]]; then
    if ! (cd "$root" && npm ls --depth=0 >/dev/null 2>&1); then
      if [[ -L "$root/node_modules" ]]; then
        echo "node_modules links to a shared install that does not satisfy package-lock.json" >&2
        return 1
      fi
      echo "== node_modules older than package-lock.json: npm install" >&2
      (cd "$root" && npm install --no-audit --no-fund) || { echo "npm install failed" >&2; return 1; }
    fi
  fi
}
