#!/usr/bin/env bash
# Build edge-inference with AddressSanitizer + UndefinedBehaviorSanitizer (EI_SANITIZE=ON) in
# build-asan/ and run the whole CTest suite under them, with leak detection on.
#
#   utils/ci-sanitizers.sh            # what .ci/run calls after the README's test command
#
# Findings fail the run: ASan errors and UBSan reports abort the test (halt_on_error), leaks
# make the process exit non-zero. utils/lsan.supp suppresses only leaks whose allocation
# stack lies inside ns-3's own installed libraries (each entry says why); a leak in the
# module's code is never suppressed. Uses ccache when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
start=$(date +%s)
cmake -S . -B build-asan -DEI_SANITIZE=ON "${launcher[@]}" >/dev/null
cmake --build build-asan -j2
built=$(date +%s)

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$(pwd)/utils/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-asan --output-on-failure -j2
end=$(date +%s)
echo "ci-sanitizers: ASan + UBSan build $((built - start)) s, tests $((end - built)) s"
