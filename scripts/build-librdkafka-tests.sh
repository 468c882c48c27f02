#!/usr/bin/env bash
# Builds librdkafka's own test-runner (from librdkafka 2.12's sources, as bundled in the
# node-rdkafka 3.6.1 npm package) into tools/librdkafka (git-ignored), so its test suite
# can be pointed at the embedded broker. Not a project dependency: nothing links to it.
# Idempotent: an existing build is kept. Needs gcc, g++ and make (no network but npm).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=tools/librdkafka
runner="$dest/tests/test-runner"
if [ -x "$runner" ]; then echo "librdkafka test-runner: $runner (already built)"; exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent node-rdkafka@3.6.1 >/dev/null && tar xzf node-rdkafka-3.6.1.tgz)
rm -rf "$dest"
mkdir -p tools
mv "$work/package/deps/librdkafka" "$dest"
cd "$dest"
jobs=$(nproc 2>/dev/null || echo 2)
./configure --disable-ssl --disable-gssapi --disable-zstd --disable-lz4-ext --disable-curl >/dev/null
make -j"$jobs" -C src >/dev/null
make -j"$jobs" -C src-cpp >/dev/null
make -j"$jobs" -C tests test-runner >/dev/null
echo "librdkafka test-runner: $dest/tests/test-runner"
