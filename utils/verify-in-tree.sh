#!/usr/bin/env bash
#
# Copyright (c) 2026 edge-inference authors
#
# SPDX-License-Identifier: GPL-2.0-only
#
# verify-in-tree.sh: build and test edge-inference as contrib/edge-inference inside an
# ns-3.37 source tree (mode (b) of CMakeLists.txt, build_lib()).
#
# The tree is Debian 12's own ns-3.37 source package (`apt-get source ns3`, 3.37-2), so
# it is the same ns-3 that libns3-dev was built from. Debian's quilt patches are applied
# on unpacking; the only one touching the build renames libraries to
# libns3-<module>-<profile>.so (instead of libns3.37-...); executables and test libraries
# keep upstream names.
#
# Steps:
#   (a) make sure a deb-src entry for bookworm exists, apt-get update, install build deps;
#   (b) apt-get source ns3 into WORKDIR (once) and locate the ns-3.37 tree in it;
#   (c) rsync this repository into <tree>/contrib/edge-inference (no .git, no build dirs);
#       with NR (below), unpack 5G-LENA NR-v2.3 into <tree>/contrib/nr beside it;
#   (d) ./ns3 configure --enable-modules=edge-inference[;nr] ..., then build (cmake --build);
#   (e) ./test.py --no-build -s <suite> for each suite in CMakeLists.txt's
#       edge_inference_test_suites (and edge_inference_nr_test_suites with NR), then
#       ./ns3 run the flagship example (and its --radio=nr run with NR).
#
# NR (5G-LENA NR-v2.3, optional): EI_NR_SOURCE names a 5G-LENA clone at tag v2.3 or a
# .tar.gz of one (top directory nr/); by default the shared vendor tarball
# <repo>/../shared/vendor/nr-v2.3-src.tar.gz when it exists, else no NR. EI_NR_SOURCE=none
# builds without NR. The source is copied into the ns-3 tree only (never into this
# repository); it is re-copied only when it changes (checksum / commit stamp), so NR's
# objects are reused across runs. NR's own tests and examples are not built (see
# --filter-module-examples-and-tests below); the module's NR suites are.
# It ends with one summary line and exits non-zero if anything failed.
#
# Re-running is incremental: the unpacked tree, its cmake-cache/ and build/ are reused,
# only the module is re-copied (rsync keeps mtimes, so ninja recompiles changed files only).
# Measured on the 2-core machine: first build of the ns-3 dependencies 18 min with one
# job (./ns3's -j cap, see step (d); two jobs not measured), our module from scratch
# ~50 s, a no-change re-run ~65 s (mostly the LTE example at -O0).
#
# Usage:
#   utils/verify-in-tree.sh [--warm] [WORKDIR]
#     WORKDIR   where the ns-3 source package is unpacked (default: $EI_NS3_WORKDIR,
#               else /opt/ns3-verify)
#     --warm    pre-build the tree WITHOUT our module (only the ns-3 modules it depends
#               on, as found in CMakeLists.txt), to warm the build while our sources
#               may not compile yet; skips steps (c) and (e).
#
# Environment (all optional):
#   EI_NS3_WORKDIR   default work dir (see above)
#   EI_NS3_JOBS      parallel build jobs (default 2)
#   EI_NS3_PROFILE   ns-3 build profile: debug|default|release|optimized (default debug:
#                    -O0 -g, the fastest to compile, NS_LOG and NS_ASSERT compiled in;
#                    changing it rebuilds all of ns-3 in the same cmake-cache/)
#   EI_NS3_EXAMPLE   example command line for ./ns3 run (default "layer-streaming-lte --nUes=2")
#   EI_NR_SOURCE     5G-LENA NR-v2.3 clone or tarball, or "none" (see NR above)
#   EI_NS3_NR_EXAMPLE  example run with NR (default "layer-streaming-lte --radio=nr --nUes=2
#                    --samples=16")
#   EI_NS3_TIMEOUT   seconds allowed for each test suite and for the example (default 600;
#                    timeout(1) kills the whole process group, test-runner included)
#   EI_SKIP_APT=1    do not touch apt (the tree must already be unpacked in WORKDIR)
#   EI_NS3_REBUILD_MODULE=1  recompile all of the module's objects (its library, tests,
#                    examples), so the warning count covers every file, not only the
#                    ones that changed since the last run (~20 s on 2 cores)
#
# It must run as root (or with sudo available) for the apt steps.

set -euo pipefail

# ---------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------
warm=0
if [[ "${1:-}" == "--warm" ]]; then
  warm=1
  shift
fi
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  sed -n '/^# verify-in-tree.sh:/,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 0
fi

# Absolute path of this repository (the module root): the parent of utils/.
module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workdir="${1:-${EI_NS3_WORKDIR:-/opt/ns3-verify}}"
jobs="${EI_NS3_JOBS:-2}"
profile="${EI_NS3_PROFILE:-debug}"
example="${EI_NS3_EXAMPLE:-layer-streaming-lte --nUes=2}"
step_timeout="${EI_NS3_TIMEOUT:-600}"
nr_example="${EI_NS3_NR_EXAMPLE:-layer-streaming-lte --radio=nr --nUes=2 --samples=16}"
nr_source="${EI_NR_SOURCE:-}"
if [[ -z "${nr_source}" && -f "${module_dir}/../shared/vendor/nr-v2.3-src.tar.gz" ]]; then
  nr_source="$(cd "${module_dir}/../shared/vendor" && pwd)/nr-v2.3-src.tar.gz"
fi
[[ "${nr_source}" != none ]] || nr_source=""
if [[ -n "${nr_source}" && ! -e "${nr_source}" ]]; then
  echo "verify-in-tree: EI_NR_SOURCE='${nr_source}' does not exist" >&2
  exit 2
fi
ns3_version="3.37"
module="edge-inference"

start_time=$(date +%s)
failures=()   # one entry per failed step, printed in the summary

log() { printf '==> [verify-in-tree] %s\n' "$*"; }
die() {
  printf '==> [verify-in-tree] ERROR: %s\n' "$*" >&2
  printf 'verify-in-tree: FAIL (%s) after %ss\n' "$*" "$(($(date +%s) - start_time))"
  exit 1
}

# Run a command as root: directly if we are root, else through sudo.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  else
    sudo "$@"
  fi
}

# Print the tail of a log file, indented, when a step fails.
show_tail() {
  echo "----- last ${2:-40} lines of $1 -----"
  tail -n "${2:-40}" "$1" | sed 's/^/    /'
  echo "-----"
}

# ---------------------------------------------------------------------------------------
# Read what we need from CMakeLists.txt, so this script stays in sync with it.
# ---------------------------------------------------------------------------------------
cmakelists="${module_dir}/CMakeLists.txt"
[[ -f "${cmakelists}" ]] || die "no CMakeLists.txt in ${module_dir}"

# Entries of set(edge_inference_test_suites ...): the lines after the opening line up
# to the closing parenthesis, without comments and blanks.
# Works for the one-line form set(edge_inference_test_suites a b c) too.
mapfile -t suites < <(
  awk '/^[[:space:]]*set\([[:space:]]*edge_inference_test_suites([[:space:]]|$)/ {
         on = 1; sub(/.*edge_inference_test_suites/, "") }
       on { sub(/#.*/, ""); done = sub(/\).*/, ""); print; if (done) exit }' "${cmakelists}" |
    tr -s '[:space:]' '\n' | sed '/^$/d'
)
[[ ${#suites[@]} -gt 0 ]] || die "could not read edge_inference_test_suites from ${cmakelists}"

# With NR, the entries of set(edge_inference_nr_test_suites ...) too (same parsing).
if [[ -n "${nr_source}" ]]; then
  mapfile -t nr_suites < <(
    awk '/^[[:space:]]*set\([[:space:]]*edge_inference_nr_test_suites([[:space:]]|$)/ {
           on = 1; sub(/.*edge_inference_nr_test_suites/, "") }
         on { sub(/#.*/, ""); done = sub(/\).*/, ""); print; if (done) exit }' "${cmakelists}" |
      tr -s '[:space:]' '\n' | sed '/^$/d'
  )
  [[ ${#nr_suites[@]} -gt 0 ]] || die "could not read edge_inference_nr_test_suites from ${cmakelists}"
  suites+=("${nr_suites[@]}")
fi

# ns-3 finds a contrib module's dependencies with this regex over the CMakeLists.txt
# text (filter_libraries() in build-support/macros-and-definitions.cmake, ns-3.37):
#   string(REGEX MATCHALL "{lib[^}]*[^obj]}" ...)
# We apply the same one here, to list (and later check) what ns-3 will see.
# (The file's own comments/branches count too: that is ns-3's behaviour.)
mapfile -t ns3_deps < <(
  # -z: the whole file is one record, so [^}]* may span lines as in CMake's regex.
  grep -zoE '\{lib[^}]*[^obj]\}' "${cmakelists}" | tr '\0' '\n' |
    sed -e 's/^{lib//' -e 's/}$//' | sort -u
)
[[ ${#ns3_deps[@]} -gt 0 ]] || die "no \${lib...} dependencies found in ${cmakelists}"

log "module:      ${module_dir}"
log "work dir:    ${workdir}"
log "profile:     ${profile}, jobs: ${jobs}"
log "suites:      ${suites[*]}"
log "NR:          ${nr_source:-none (set EI_NR_SOURCE to a 5G-LENA NR-v2.3 clone or tarball)}"
log "ns-3 deps:   ${ns3_deps[*]} (as ns-3's regex sees them)"

mkdir -p "${workdir}/logs"
logs="${workdir}/logs"

# One run at a time per work dir: two concurrent builds of one tree corrupt each other.
exec 9>"${workdir}/.verify-in-tree.lock"
flock -n 9 || die "another verify-in-tree.sh is running on ${workdir}"

# ---------------------------------------------------------------------------------------
# (a) apt: deb-src entry, build dependencies
# ---------------------------------------------------------------------------------------
if [[ "${EI_SKIP_APT:-0}" != 1 ]]; then
  need_update=0

  # Is there any deb-src entry for bookworm already, one-line (.list) or deb822 (.sources)?
  has_src=0
  if grep -qsE '^[[:space:]]*deb-src[[:space:]].*[[:space:]]bookworm([[:space:]]|$)' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.list; then
    has_src=1
  fi
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    # A deb822 stanza with "Types: ... deb-src" and a "Suites:" naming bookworm.
    if awk 'BEGIN{RS=""} /(^|\n)Types:[^\n]*deb-src/ && /(^|\n)Suites:[^\n]*bookworm([ \t\n]|$)/ {f=1} END{exit !f}' "$f"; then
      has_src=1
    fi
  done

  if [[ ${has_src} -eq 0 ]]; then
    # Mirror the URI and key of the existing bookworm "deb" entry: deb822 first
    # (Debian 12 images use /etc/apt/sources.list.d/debian.sources), then sources.list.
    uri=""
    signed_by=""
    if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
      uri=$(awk 'BEGIN{RS=""} /(^|\n)Suites:[^\n]*bookworm([ \t\n]|$)/ && !/bookworm-security/ {
                   if (match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/)) {
                     s = substr($0, RSTART, RLENGTH); sub(/.*URIs:[ \t]*/, "", s); print s; exit } }' \
        /etc/apt/sources.list.d/debian.sources)
      signed_by=$(awk 'BEGIN{RS=""} /(^|\n)Suites:[^\n]*bookworm([ \t\n]|$)/ && !/bookworm-security/ {
                   if (match($0, /(^|\n)Signed-By:[ \t]*[^ \t\n]+/)) {
                     s = substr($0, RSTART, RLENGTH); sub(/.*Signed-By:[ \t]*/, "", s); print s; exit } }' \
        /etc/apt/sources.list.d/debian.sources)
    fi
    if [[ -z "${uri}" && -f /etc/apt/sources.list ]]; then
      uri=$(awk '$1 == "deb" && $0 ~ /[ \t]bookworm[ \t]/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' \
        /etc/apt/sources.list)
    fi
    uri="${uri:-http://deb.debian.org/debian}"
    signed_by="${signed_by:-/usr/share/keyrings/debian-archive-keyring.gpg}"
    log "adding deb-src for bookworm (${uri}) in /etc/apt/sources.list.d/ns3-src.sources"
    as_root tee /etc/apt/sources.list.d/ns3-src.sources >/dev/null <<EOF
# Added by edge-inference utils/verify-in-tree.sh: source packages for 'apt-get source ns3'.
Types: deb-src
URIs: ${uri}
Suites: bookworm bookworm-updates
Components: main
Signed-By: ${signed_by}
EOF
    need_update=1
  fi

  # Build dependencies of an ns-3.37 tree build with the modules we use. dpkg-dev
  # (dpkg-source) and bzip2/xz-utils are needed by apt-get source to unpack; rsync for (c).
  # libboost-dev: our module uses header-only Boost.Math. GSL, SQLite and libxml2 are
  # optional ns-3 features that Debian's libns3 has on; keeping them on keeps both modes
  # alike.
  build_deps=(cmake ninja-build g++ python3 pkg-config libboost-dev libgsl-dev
    libsqlite3-dev libxml2-dev dpkg-dev bzip2 xz-utils rsync)
  missing=()
  for p in "${build_deps[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  # Without an updated list, apt-get source can't see the source package.
  if [[ ${need_update} -eq 0 ]] && ! apt-cache showsrc ns3 2>/dev/null | grep -q "^Version: ${ns3_version}"; then
    need_update=1
  fi
  if [[ ${need_update} -eq 1 || ${#missing[@]} -gt 0 ]]; then
    log "apt-get update"
    as_root apt-get update -qq >"${logs}/apt-update.log" 2>&1 ||
      { show_tail "${logs}/apt-update.log"; die "apt-get update failed"; }
  fi
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "${missing[@]}" >"${logs}/apt-install.log" 2>&1 ||
      { show_tail "${logs}/apt-install.log"; die "apt-get install failed"; }
  fi
fi

# ---------------------------------------------------------------------------------------
# (b) ns-3.37 source tree: reuse an unpacked one, else apt-get source ns3
# ---------------------------------------------------------------------------------------
# Debian's package unpacks to ns3-3.37/ and nests the tree as ns3-3.37/ns-3.37/ (next to
# bake/ and netanim-3.108/). We accept any <workdir>/*/ns-3.37 or <workdir>/ns-3.37 that
# holds the ./ns3 driver and a VERSION file saying 3.37.
find_tree() {
  local d
  for d in "${workdir}/ns3-${ns3_version}"*"/ns-${ns3_version}" "${workdir}/ns-${ns3_version}"; do
    if [[ -x "$d/ns3" && -f "$d/VERSION" ]] && [[ "$(tr -d '[:space:]' <"$d/VERSION")" == "${ns3_version}" ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

if ! tree=$(find_tree); then
  [[ "${EI_SKIP_APT:-0}" != 1 ]] || die "EI_SKIP_APT=1 but no ns-${ns3_version} tree in ${workdir}"
  log "apt-get source ns3 (into ${workdir})"
  # As root, apt downloads unsandboxed (it warns); APT::Sandbox::User=root silences that.
  (cd "${workdir}" && apt-get -o APT::Sandbox::User=root source ns3) >"${logs}/apt-source.log" 2>&1 ||
    { show_tail "${logs}/apt-source.log"; die "apt-get source ns3 failed"; }
  tree=$(find_tree) || die "apt-get source ns3 gave no ns-${ns3_version} tree in ${workdir} (see ${logs}/apt-source.log)"
fi
log "ns-3 tree:   ${tree}"

# Every dependency that ns-3 will resolve must be a module of this tree; a typo such as
# ${libpoint_to_point} would only print a status message inside ns-3's configure.
for d in "${ns3_deps[@]}"; do
  [[ -f "${tree}/src/${d}/CMakeLists.txt" || -f "${tree}/contrib/${d}/CMakeLists.txt" ]] ||
    die "CMakeLists.txt names \${lib${d}}, but ns-${ns3_version} has no module '${d}'"
done

cd "${tree}"

# Options common to both modes. Keep them identical between --warm and the real run,
# or the warm build is partly thrown away.
#   -d ${profile}           see EI_NS3_PROFILE above;
#   --disable-werror        the debug profile turns -Werror on for all of ns-3;
#   --disable-python-bindings  cppyy is not installed; say so explicitly;
#   --filter-module-examples-and-tests=edge-inference
#                           tests and examples only for our module: the dependency
#                           modules' own (lte, internet, ...) are ~2/3 of a full build.
#                           (In 3.37 it also drops every top-level examples/ program.)
common_opts=(-d "${profile}" --disable-werror --disable-python-bindings
  --enable-tests --enable-examples --filter-module-examples-and-tests="${module}")
# The modules to enable: ours, and NR beside it when asked for.
enable_modules="${module}"

# ---------------------------------------------------------------------------------------
# NR: 5G-LENA NR-v2.3 as contrib/nr (copied only when its source changed)
# ---------------------------------------------------------------------------------------
if [[ -n "${nr_source}" ]]; then
  if [[ -f "${nr_source}" ]]; then
    nr_stamp="$(sha256sum "${nr_source}" | cut -d' ' -f1)"
  elif [[ -d "${nr_source}/.git" ]]; then
    nr_stamp="$(git -C "${nr_source}" rev-parse HEAD)"
  else
    nr_stamp=""
  fi
  if [[ -n "${nr_stamp}" && -f contrib/nr/CMakeLists.txt &&
    "$(cat "${workdir}/.nr-source-stamp" 2>/dev/null)" == "${nr_stamp}" ]]; then
    log "contrib/nr: NR from ${nr_source} already in the tree"
  else
    log "contrib/nr <- ${nr_source}"
    nr_stage="${workdir}/nr-stage"
    rm -rf "${nr_stage}"
    mkdir -p "${nr_stage}"
    if [[ -f "${nr_source}" ]]; then
      tar -xzf "${nr_source}" -C "${nr_stage}" || die "could not unpack ${nr_source}"
      [[ -d "${nr_stage}/nr" ]] || die "${nr_source} does not unpack to nr/"
    else
      rsync -a --exclude=/.git "${nr_source}/" "${nr_stage}/nr/"
    fi
    [[ -f "${nr_stage}/nr/model/nr-amc.h" && -f "${nr_stage}/nr/CMakeLists.txt" ]] ||
      die "${nr_source} is not a 5G-LENA NR source tree (no model/nr-amc.h)"
    if [[ -f "${nr_stage}/nr/RELEASE_NOTES.md" ]] && ! grep -q "NR-v2.3" "${nr_stage}/nr/RELEASE_NOTES.md"; then
      log "warning: ${nr_source} does not look like NR-v2.3 (the release paired with ns-3.37)"
    fi
    # rsync keeps the unpacked mtimes, so an unchanged file is not recompiled.
    mkdir -p contrib/nr
    rsync -a --delete "${nr_stage}/nr/" contrib/nr/
    rm -rf "${nr_stage}"
    [[ -z "${nr_stamp}" ]] || echo "${nr_stamp}" >"${workdir}/.nr-source-stamp"
  fi
  enable_modules="${module};nr"
fi

if [[ ${warm} -eq 1 ]]; then
  # -----------------------------------------------------------------------------------
  # --warm: build only the ns-3 modules we depend on, without our module.
  # -----------------------------------------------------------------------------------
  enabled=$(
    IFS=';'
    echo "${ns3_deps[*]}"
  )
  [[ -z "${nr_source}" ]] || enabled="${enabled};nr"
  log "configure (warm, modules: ${enabled})"
  python3 ./ns3 configure "${common_opts[@]}" --enable-modules="${enabled}" \
    >"${logs}/configure-warm.log" 2>&1 ||
    { show_tail "${logs}/configure-warm.log"; die "configure (warm) failed"; }
  log "build (warm) -> ${logs}/build-warm.log"
  t0=$(date +%s)
  nice -n 19 cmake --build cmake-cache -j "${jobs}" >"${logs}/build-warm.log" 2>&1 ||
    { show_tail "${logs}/build-warm.log"; die "build (warm) failed"; }
  echo "verify-in-tree: WARM OK (ns-3 dependencies built in $(($(date +%s) - t0))s, tree ${tree})"
  exit 0
fi

# ---------------------------------------------------------------------------------------
# (c) copy the module into contrib/edge-inference
# ---------------------------------------------------------------------------------------
# --delete drops files removed from the repo; the excludes are anchored at the repo root:
# VCS data, standalone build dirs (build/, build-*/, cmake-build-*/, _build/) and caches.
log "rsync module -> contrib/${module}"
mkdir -p "contrib/${module}"
rsync -a --delete \
  --exclude=/.git --exclude=/.cache \
  --exclude='/build' --exclude='/build-*' --exclude='/build_*' --exclude='/_build*' \
  --exclude='/cmake-build-*' --exclude='/out' \
  "${module_dir}/" "contrib/${module}/"

# ---------------------------------------------------------------------------------------
# (d) configure and build
# ---------------------------------------------------------------------------------------
# configure is run every time: contrib/ is scanned only at configure time, and the
# module's file lists may have changed. On an existing cmake-cache/ it takes ~10 s.
log "configure -> ${logs}/configure.log"
python3 ./ns3 configure "${common_opts[@]}" --enable-modules="${enable_modules}" \
  >"${logs}/configure.log" 2>&1 ||
  { show_tail "${logs}/configure.log"; die "configure failed"; }
# ns-3 only prints a status line for some problems; make them fatal here.
if ! sed -n '/Modules configured to be built:/,/Modules that cannot be built:/p' "${logs}/configure.log" |
  grep -qw -- "${module}"; then
  show_tail "${logs}/configure.log" 60
  die "configure did not enable contrib/${module}"
fi
if grep -qE "CMakeLists.txt file for module .* was not found|Skipping contrib/${module}" "${logs}/configure.log"; then
  grep -E "was not found|Skipping contrib" "${logs}/configure.log" | sed 's/^/    /'
  die "configure could not resolve a dependency of ${module}"
fi
# With NR, our CMakeLists.txt must have seen it (its status line), else the NR suites
# would be missing and fail below with a less clear message.
if [[ -n "${nr_source}" ]] && ! grep -q "edge-inference: NR (5G-LENA) found in contrib/nr" "${logs}/configure.log"; then
  grep -E "edge-inference: |contrib/nr" "${logs}/configure.log" | sed 's/^/    /'
  die "configure did not enable NR for ${module} (contrib/nr)"
fi

# This is what `./ns3 build -j N` runs, but ns-3.37's ./ns3 caps N at (cores - 1): it
# takes min() over every parser's --jobs, whose default is os.cpu_count() - 1, so on a
# 2-core machine `./ns3 build -j2` runs `cmake --build . -j 1`. Call CMake directly.
if [[ "${EI_NS3_REBUILD_MODULE:-0}" == 1 && -d "cmake-cache/contrib/${module}" ]]; then
  log "removing contrib/${module} objects (EI_NS3_REBUILD_MODULE=1)"
  find "cmake-cache/contrib/${module}" -name '*.o' -delete
fi
log "build (nice -n 10, -j${jobs}) -> ${logs}/build.log"
t0=$(date +%s)
build_ok=1
nice -n 10 cmake --build cmake-cache -j "${jobs}" >"${logs}/build.log" 2>&1 || build_ok=0
build_secs=$(($(date +%s) - t0))
# ns-3 compiles with -fdiagnostics-color=always: strip the colour codes before grepping.
sed -E 's/\x1b\[[0-9;]*[mK]//g' "${logs}/build.log" >"${logs}/build.nocolor.log"
warnings=$(grep -cE "contrib/${module}/[^:]+:[0-9]+:[0-9]+: warning:" "${logs}/build.nocolor.log" || true)
if [[ ${build_ok} -eq 0 ]]; then
  grep -E "error:|FAILED:" "${logs}/build.nocolor.log" | head -30 | sed 's/^/    /' || true
  show_tail "${logs}/build.nocolor.log" 30
  die "build failed after ${build_secs}s (full log: ${logs}/build.log)"
fi
# Only files compiled in this run can warn: an incremental run misses warnings of
# unchanged files (EI_NS3_REBUILD_MODULE=1 recompiles them all).
log "build ok in ${build_secs}s, ${warnings} compiler warning(s) in contrib/${module} (files compiled this run)"
if [[ ${warnings} -gt 0 ]]; then
  grep -E "contrib/${module}/[^:]+:[0-9]+:[0-9]+: warning:" "${logs}/build.nocolor.log" | sort -u | head -20 | sed 's/^/    /'
fi

# ---------------------------------------------------------------------------------------
# (e) test suites and the flagship example
# ---------------------------------------------------------------------------------------
# test.py exits 2 for an unknown suite and 0 when every test passed OR was skipped; we
# also require its "PASS: TestSuite <suite>" line, so a skipped suite counts as failed.
passed=0
for s in "${suites[@]}"; do
  log "test.py -s ${s}"
  rc=0
  timeout "${step_timeout}" python3 ./test.py --no-build --nocolor -s "${s}" >"${logs}/test-${s}.log" 2>&1 || rc=$?
  if [[ ${rc} -eq 0 ]] && grep -qE "PASS: TestSuite ${s}\$" "${logs}/test-${s}.log"; then
    passed=$((passed + 1))
    grep -E "PASS: TestSuite" "${logs}/test-${s}.log" | sed 's/^/    /'
  elif [[ ${rc} -eq 124 ]]; then
    # test.py prints nothing until a suite ends, so the log is empty here.
    failures+=("suite ${s} timed out after ${step_timeout}s")
  else
    show_tail "${logs}/test-${s}.log" 30
    failures+=("suite ${s} (rc ${rc})")
  fi
done

examples_run=("${example}")
[[ -z "${nr_source}" ]] || examples_run+=("${nr_example}")
n_example=0
for ex in "${examples_run[@]}"; do
  n_example=$((n_example + 1))
  ex_log="${logs}/example.log"
  [[ ${n_example} -eq 1 ]] || ex_log="${logs}/example-${n_example}.log"
  log "./ns3 run \"${ex}\""
  rc=0
  timeout "${step_timeout}" python3 ./ns3 run "${ex}" >"${ex_log}" 2>&1 || rc=$?
  if [[ ${rc} -eq 0 ]]; then
    tail -n 5 "${ex_log}" | sed 's/^/    /'
  elif [[ ${rc} -eq 124 ]]; then
    show_tail "${ex_log}" 30
    failures+=("example '${ex}' timed out after ${step_timeout}s")
  else
    show_tail "${ex_log}" 30
    failures+=("example '${ex}' (rc ${rc})")
  fi
done

# ---------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------
total=$(($(date +%s) - start_time))
if [[ ${#failures[@]} -eq 0 ]]; then
  with_nr="without NR"
  [[ -z "${nr_source}" ]] || with_nr="with contrib/nr"
  echo "verify-in-tree: PASS (ns-${ns3_version} ${profile} ${with_nr}, build ${build_secs}s, ${warnings} module warnings, ${passed}/${#suites[@]} suites passed, ${#examples_run[@]} example run(s) ok) in ${total}s"
  exit 0
fi
printf 'verify-in-tree: FAIL (%s; %d/%d suites passed) in %ss, logs in %s\n' \
  "$(
    IFS=','
    echo "${failures[*]}"
  )" "${passed}" "${#suites[@]}" "${total}" "${logs}"
exit 1
