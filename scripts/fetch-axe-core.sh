#!/usr/bin/env bash
# Fetch axe-core (pinned) from the npm registry with `npm pack` into ~/.cache/tweetathon/, for the browser
# tests to inject into each page. Prints the path of axe.min.js. Does nothing when it is already there.
set -euo pipefail
VERSION=4.11.0
DEST="${XDG_CACHE_HOME:-$HOME/.cache}/tweetathon/axe-core-$VERSION"
if [ ! -s "$DEST/axe.min.js" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "axe-core@$VERSION" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$DEST"
  cp "$work/package/axe.min.js" "$work/package/LICENSE" "$DEST/"
fi
echo "$DEST/axe.min.js"
