#!/usr/bin/env python3
"""Check that wscript, examples/wscript and test/examples-to-run.py list the same files as
CMakeLists.txt, and that every listed file exists. Exit 1 with a message on a mismatch."""

import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    with open(os.path.join(TOP, path), encoding="utf-8") as f:
        return f.read()


def cmake_list(text, var):
    m = re.search(r"set\(%s\s+(.*?)\)" % re.escape(var), text, re.S)
    if not m:
        sys.exit("CMakeLists.txt: no set(%s ...)" % var)
    body = "\n".join(line.split("#", 1)[0] for line in m.group(1).splitlines())
    return body.split()


def main():
    cm = read("CMakeLists.txt")
    ws = read("wscript")
    errors = []
    groups = {
        "edge_inference_sources": re.search(r"module\.source = \[(.*?)\]", ws, re.S),
        "edge_inference_headers": re.search(r"headers\.source = \[(.*?)\]", ws, re.S),
        "edge_inference_test_sources": re.search(r"module_test\.source = \[(.*?)\]", ws, re.S),
    }
    for var, m in groups.items():
        listed = cmake_list(cm, var)
        waf = re.findall(r"'([^']+)'", m.group(1)) if m else []
        if sorted(listed) != sorted(waf):
            errors.append("%s differs: CMake %s vs wscript %s" % (var, listed, waf))
        for f in listed:
            if not os.path.exists(os.path.join(TOP, f)):
                errors.append("%s lists missing file %s" % (var, f))
    # NR (5G-LENA) parts: standalone only, compiled when NR is found (no wscript entries)
    for var in ("edge_inference_nr_sources", "edge_inference_nr_headers",
                "edge_inference_nr_test_sources"):
        for f in cmake_list(cm, var):
            if not os.path.exists(os.path.join(TOP, f)):
                errors.append("%s lists missing file %s" % (var, f))
    nr_tests = [read(f) for f in cmake_list(cm, "edge_inference_nr_test_sources")]
    for s in cmake_list(cm, "edge_inference_nr_test_suites"):
        if not any('TestSuite("%s"' % s in t or 'TestSuite(\n            "%s"' % s in t
                   for t in nr_tests):
            errors.append("NR suite %s is registered with CTest but defined in no NR test "
                          "source" % s)
    for f in cmake_list(cm, "edge_inference_gtest_sources"):
        if not os.path.exists(os.path.join(TOP, f)):
            errors.append("gtest source missing: %s" % f)
    ex_cm = cmake_list(read("examples/CMakeLists.txt"), "edge_inference_examples")
    ex_ws = re.findall(r"create_ns3_program\('([^']+)'", read("examples/wscript"))
    ex_run = re.findall(r'\(\s*"([a-z0-9-]+)', read("test/examples-to-run.py"))
    if sorted(ex_cm) != sorted(ex_ws):
        errors.append("examples differ: CMake %s vs wscript %s" % (ex_cm, ex_ws))
    tools_cm = cmake_list(read("utils/CMakeLists.txt"), "edge_inference_tools")
    tools_ws = re.findall(r"create_ns3_program\('([^']+)'", read("utils/wscript"))
    if sorted(tools_cm) != sorted(tools_ws):
        errors.append("tools differ: utils/CMakeLists.txt %s vs utils/wscript %s"
                      % (tools_cm, tools_ws))
    for src in re.findall(r"obj\.source = '([^']+)'", read("utils/wscript")):
        if not os.path.exists(os.path.join(TOP, "utils", src)):
            errors.append("utils/wscript lists missing file utils/%s" % src)
    for src in re.findall(r"obj\.source = '([^']+)'", read("examples/wscript")):
        if not os.path.exists(os.path.join(TOP, "examples", src)):
            errors.append("examples/wscript lists missing file examples/%s" % src)
    if sorted(ex_cm + tools_cm) != sorted(set(ex_run)):
        errors.append("examples and tools differ: CMake %s vs examples-to-run.py %s"
                      % (ex_cm + tools_cm, ex_run))
    suites = cmake_list(cm, "edge_inference_test_suites")
    for s in suites:
        found = any('TestSuite("%s"' % s in read(f) or 'TestSuite(\n            "%s"' % s in read(f)
                    for f in cmake_list(cm, "edge_inference_test_sources"))
        if not found:
            errors.append("suite %s is registered with CTest but defined in no test source" % s)
    if errors:
        print("\n".join(errors))
        return 1
    print("file lists in sync: %d sources, %d headers, %d test sources, %d examples, %d tools"
          % (len(cmake_list(cm, "edge_inference_sources")),
             len(cmake_list(cm, "edge_inference_headers")),
             len(cmake_list(cm, "edge_inference_test_sources")), len(ex_cm), len(tools_cm)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
