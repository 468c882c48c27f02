#!/usr/bin/env bash
# Builds, from librdkafka 2.12's sources (as bundled in the node-rdkafka 3.6.1 npm package),
# into tools/librdkafka (git-ignored):
#   - librdkafka's own test-runner (test/integration/librdkafka-suite.test.ts), and
#   - tools/librdkafka/rdkafka-check, our small client from scripts/rdkafka-check.c
#     (test/integration/librdkafka-flexible.test.ts), and
#   - tools/librdkafka/rdkafka-member, a consumer-group member tests drive, from
#     scripts/rdkafka-member.c (test/helpers/rdkafka-member.ts), and
#   - tools/librdkafka/examples/rdkafka_performance, librdkafka's own load generator
#     (`npm run bench -- rdkafka`, and ../shared/tools/perf.sh with RDK set to it).
# Not a project dependency: nothing in the app links to it. Idempotent: what is built is
# kept (our clients are rebuilt when their source is newer). Needs gcc, g++ and make (no
# network but npm).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=tools/librdkafka
runner="$dest/tests/test-runner"
if [ -x "$runner" ]; then
  echo "librdkafka test-runner: $runner (already built)"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent node-rdkafka@3.6.1 >/dev/null && tar xzf node-rdkafka-3.6.1.tgz)
  rm -rf "$dest"
  mkdir -p tools
  mv "$work/package/deps/librdkafka" "$dest"
  (
    cd "$dest"
    jobs=$(nproc 2>/dev/null || echo 2)
    ./configure --disable-ssl --disable-gssapi --disable-zstd --disable-lz4-ext --disable-curl >/dev/null
    make -j"$jobs" -C src >/dev/null
    make -j"$jobs" -C src-cpp >/dev/null
    make -j"$jobs" -C tests test-runner >/dev/null
  )
  echo "librdkafka test-runner: $runner"
fi
for name in rdkafka-check rdkafka-member; do
  bin="$dest/$name"
  if [ ! -x "$bin" ] || [ "scripts/$name.c" -nt "$bin" ]; then
    gcc -O1 -Wall -Werror -o "$bin" "scripts/$name.c" -I"$dest/src" -L"$dest/src" -lrdkafka -Wl,-rpath,"$(pwd)/$dest/src"
  fi
  echo "librdkafka client: $bin"
done
perf="$dest/examples/rdkafka_performance"
[ -x "$perf" ] || make -C "$dest/examples" rdkafka_performance >/dev/null
echo "librdkafka rdkafka_performance: $perf"
