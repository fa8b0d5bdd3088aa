#!/usr/bin/env bash
# Vendor the browser libraries the web pages use into src/tweetathon/web/static/vendor/, from the npm registry
# (pinned versions, through `npm pack`), licences kept beside them. The files are committed: serving needs no
# network. Re-run after changing a version below, then commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
LEAFLET=1.9.4
DEST=src/tweetathon/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

unpack() {  # unpack NAME VERSION -> $work/NAME/package
  mkdir -p "$work/$1"
  (cd "$work/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}

unpack leaflet "$LEAFLET"
rm -rf "$DEST/leaflet" && mkdir -p "$DEST/leaflet"
cp "$work/leaflet/package/dist/leaflet.js" "$work/leaflet/package/dist/leaflet.css" "$DEST/leaflet/"
cp "$work/leaflet/package/LICENSE" "$DEST/leaflet/LICENSE"
echo "leaflet $LEAFLET (npm pack leaflet@$LEAFLET): dist/leaflet.js, dist/leaflet.css, LICENSE" > "$DEST/leaflet/VERSION"
echo "vendored leaflet $LEAFLET into $DEST"
