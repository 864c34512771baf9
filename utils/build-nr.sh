#!/usr/bin/env bash
# Build 5G-LENA NR (release NR-v2.3, the release paired with ns-3.37) against the installed
# ns-3 (Debian 12's libns3-dev 3.37) into a prefix, out of the ns-3 source tree, with the
# small CMake wrapper of utils/nr-cmake/ (a stand-in for ns-3's build_lib()).
#
#   utils/build-nr.sh <nr source> <prefix>
#
# <nr source> is a 5G-LENA clone at tag v2.3 (git clone -b v2.3
# https://gitlab.com/cttc-lena/nr.git) or a .tar.gz of such a tree (top directory nr/).
# Afterwards configure edge-inference with -DEI_NR_PREFIX=<prefix>.
#
# Nothing is rebuilt when the prefix already holds NR from the same source (checksum stamp).
# ccache is used when installed, with CCACHE_BASEDIR=<work dir>, so a rebuild (even in a
# fresh prefix elsewhere) hits the cache. Measured on 2 shared cores: first build about
# 5 min, a rebuild from ccache well under a minute. Environment:
#   NR_BUILD_JOBS   parallel jobs (default: nproc)
#   NR_BUILD_TYPE   CMake build type (default Release)
#   NR_WORK_DIR     where to unpack / build (default <prefix>/.build)
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <nr source: 5G-LENA v2.3 clone or .tar.gz> <prefix>" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
src="$1"
mkdir -p "$2"
prefix="$(cd "$2" && pwd)"
work="${NR_WORK_DIR:-$prefix/.build}"
jobs="${NR_BUILD_JOBS:-$(nproc)}"
build_type="${NR_BUILD_TYPE:-Release}"
mkdir -p "$work"

# Same source already installed in this prefix (stamp = checksum of the tarball, or the
# commit of a clone): nothing to do.
if [ -f "$src" ]; then
  stamp="$(sha256sum "$src" | cut -d' ' -f1)"
elif [ -d "$src/.git" ]; then
  stamp="$(git -C "$src" rev-parse HEAD)"
else
  stamp=""
fi
if [ -n "$stamp" ] && [ -f "$prefix/lib/cmake/ns3-nr/ns3-nrConfig.cmake" ] &&
  [ "$(cat "$prefix/.nr-source-stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "build-nr.sh: NR from this source is already installed in $prefix"
  exit 0
fi

if [ -f "$src" ]; then
  # a tarball: unpack it to <work>/nr, beside <work>/build, so that with CCACHE_BASEDIR=<work>
  # the compile commands are the same wherever <work> is (a repeat build hits ccache)
  rm -rf "$work/nr"
  tar -xzf "$src" -C "$work"
  if [ ! -d "$work/nr" ]; then
    echo "build-nr.sh: $src does not unpack to nr/" >&2
    exit 2
  fi
  nr_dir="$work/nr"
elif [ -d "$src" ]; then
  nr_dir="$(cd "$src" && pwd)"
else
  echo "build-nr.sh: source '$src' is neither a directory nor a file" >&2
  exit 2
fi
if [ ! -f "$nr_dir/model/nr-amc.h" ] || [ ! -f "$nr_dir/CMakeLists.txt" ]; then
  echo "build-nr.sh: '$nr_dir' is not a 5G-LENA NR source tree (no model/nr-amc.h)" >&2
  exit 2
fi
if [ -f "$nr_dir/RELEASE_NOTES.md" ] && ! grep -q "NR-v2.3" "$nr_dir/RELEASE_NOTES.md"; then
  echo "build-nr.sh: warning: $nr_dir does not look like NR-v2.3 (tested release)" >&2
fi

launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR="$work"
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

start=$(date +%s)
cmake -S "$here/nr-cmake" -B "$work/build" -DNR_SOURCE_DIR="$nr_dir" \
  -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_BUILD_TYPE="$build_type" "${launcher[@]}"
cmake --build "$work/build" -j "$jobs"
cmake --install "$work/build"
if [ -n "$stamp" ]; then
  echo "$stamp" >"$prefix/.nr-source-stamp"
fi
end=$(date +%s)
echo "build-nr.sh: NR installed in $prefix in $((end - start)) s" \
  "(configure edge-inference with -DEI_NR_PREFIX=$prefix)"
