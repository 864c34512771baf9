/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_TEST_EXPECT_ABORT_H
#define EDGE_INFERENCE_TEST_EXPECT_ABORT_H

/**
 * @file
 * @ingroup edge-inference-tests
 * Run a call that should abort (NS_ABORT_MSG, NS_FATAL_ERROR) in a child process and
 * capture what it wrote to stderr, for the ns-3 test suites.
 */

#include <csignal>
#include <functional>
#include <string>

#ifdef __unix__
#    include <sys/resource.h>
#    include <sys/wait.h>
#    include <unistd.h>
#endif

namespace ns3
{
namespace edgeinference
{
namespace testutils
{

/// What a call that should abort did, in a child process.
struct AbortOutcome
{
    bool aborted{false};    ///< the child ended abnormally (signal or non-zero exit)
    std::string stderrText; ///< what it wrote to stderr
};

#ifdef __unix__
/**
 * Run a call in a forked child with stderr captured, and report whether it aborted.
 * @param [in] call the call (e.g. a setter with invalid input)
 * @return the outcome
 */
inline AbortOutcome
RunExpectingAbort(const std::function<void()>& call)
{
    AbortOutcome o;
    int fds[2];
    if (pipe(fds) != 0)
    {
        return o;
    }
    const pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        std::signal(SIGABRT, SIG_DFL);
        const rlimit noCore{0, 0};
        setrlimit(RLIMIT_CORE, &noCore); // an expected abort leaves no core file
        call();
        _exit(0); // returned: did not abort
    }
    close(fds[1]);
    char buf[512];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    {
        o.stderrText.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    o.aborted = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
    return o;
}
#endif

} // namespace testutils
} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_TEST_EXPECT_ABORT_H */
