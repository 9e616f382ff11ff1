#!/usr/bin/env bash
# Builds the node's runtime layout, the directory the container image copies (see ../../../../Dockerfile):
#   LAYOUT/runtime/          a jlink runtime of only the JDK modules the node needs
#   LAYOUT/app/poker.jar     the node (server/target/poker.jar)
#   LAYOUT/bin/poker-node    the entry point: runs app/poker.jar on runtime/ with the heap sized from
#                            the memory the container may use (-XX:MaxRAMPercentage)
# The jlink step (about 30 s on 2 busy cores) is skipped when runtime/ was made by the same JDK with the
# same modules (runtime/.modules records both).
# Usage: build-layout.sh JAVA_HOME MODULES POKER_JAR LAYOUT
set -euo pipefail

[ $# -eq 4 ] || { echo "usage: build-layout.sh JAVA_HOME MODULES POKER_JAR LAYOUT" >&2; exit 2; }
java_home=$1 modules=$2 jar=$3 layout=$4

jlink="$java_home/bin/jlink"
[ -x "$jlink" ] || { echo "build-layout: $jlink is missing: a full JDK (not a JRE) is needed to build the layout" >&2; exit 1; }
[ -f "$java_home/jmods/java.base.jmod" ] || { echo "build-layout: $java_home/jmods is missing: jlink needs the JDK's jmods (Debian: openjdk-17-jdk-headless)" >&2; exit 1; }
[ -f "$jar" ] || { echo "build-layout: $jar is missing: package the server module first (-pl dist -am)" >&2; exit 1; }

stamp="$java_home $("$java_home/bin/java" -version 2>&1 | head -n 1) $modules"
if [ ! -f "$layout/runtime/.modules" ] || [ "$(cat "$layout/runtime/.modules")" != "$stamp" ]; then
  rm -rf "$layout/runtime"
  mkdir -p "$layout"
  started=$SECONDS
  "$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
    --output "$layout/runtime"
  printf '%s\n' "$stamp" >"$layout/runtime/.modules"
  echo "build-layout: jlink runtime in $((SECONDS - started)) s: $(du -sh "$layout/runtime" | cut -f1)"
fi

mkdir -p "$layout/app" "$layout/bin"
cp -p "$jar" "$layout/app/poker.jar"
cat >"$layout/bin/poker-node" <<'SCRIPT'
#!/bin/sh
# The node's entry point in the container layout: app/poker.jar on the jlink runtime beside it.
# The heap is a share of the memory the container may use (its cgroup limit), not of the host's:
# POKER_MAX_RAM_PERCENTAGE (default 75) of it; the rest is for thread stacks, Netty's direct
# buffers, metaspace and the code cache. More JVM options: POKER_JAVA_OPTS.
# Arguments go to poker.jar (default: serve).
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- serve
# shellcheck disable=SC2086 # POKER_JAVA_OPTS is a list of options
exec "$here/runtime/bin/java" -XX:MaxRAMPercentage="${POKER_MAX_RAM_PERCENTAGE:-75}" \
  -XX:+ExitOnOutOfMemoryError ${POKER_JAVA_OPTS:-} -jar "$here/app/poker.jar" "$@"
SCRIPT
chmod 755 "$layout/bin/poker-node"
echo "build-layout: $layout ($(du -sh "$layout" | cut -f1))"
