#!/bin/sh
# Stamps a Trunk build with its own version (Trunk's post_build hook, Trunk.toml): a digest of
# every built file goes into sw.js (`const BUILD`) and index.html (<meta name="guanjia-build">).
# A deployment whose files changed thus has a new sw.js, which is how browsers notice a new
# version (app/src/update.rs): the new worker installs and waits until the page lets it in.
set -eu
dir=${TRUNK_STAGING_DIR:?run by trunk build}
cd "$dir"
stamp=$(find . -type f ! -name sw.js -print | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
sed -i "s/^const BUILD = \"[^\"]*\";/const BUILD = \"$stamp\";/" sw.js
sed -i "s/<meta name=\"guanjia-build\" content=\"[^\"]*\"/<meta name=\"guanjia-build\" content=\"$stamp\"/" index.html
echo "build stamp $stamp"
