/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_LTE_SCENARIO_H
#define EDGE_LTE_SCENARIO_H

/**
 * @file
 * @ingroup edge-inference
 * @brief Shared by the LTE examples: the topology helper (helper/edge-lte-topology-helper.h)
 * and the sweep plots.
 */

#include "ns3/core-module.h"
#include "ns3/edge-lte-topology-helper.h"
#include "ns3/gnuplot.h"
#include "ns3/internet-module.h"
#include "ns3/lte-module.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <cmath>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{
namespace edgeinference
{

/**
 * Write a gnuplot script of one curve per series against a sweep variable; the figure is
 * the script's name with .png.
 * @param [in] file script name (.plt)
 * @param [in] title plot title
 * @param [in] xLabel x axis label
 * @param [in] yLabel y axis label
 * @param [in] xs x values
 * @param [in] names series names
 * @param [in] ys ys[point][series]
 */
inline void
WriteSweepPlot(const std::string& file,
               const std::string& title,
               const std::string& xLabel,
               const std::string& yLabel,
               const std::vector<double>& xs,
               const std::vector<std::string>& names,
               const std::vector<std::vector<double>>& ys)
{
    Gnuplot plot(file.substr(0, file.size() - 4) + ".png");
    plot.SetTitle(title);
    plot.SetTerminal("png");
    plot.SetLegend(xLabel, yLabel);
    plot.AppendExtra("set key top left");
    for (size_t a = 0; a < names.size(); ++a)
    {
        Gnuplot2dDataset ds(names[a]);
        ds.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        for (size_t i = 0; i < xs.size(); ++i)
        {
            ds.Add(xs[i], ys[i][a]);
        }
        plot.AddDataset(ds);
    }
    std::ofstream os(file);
    plot.GenerateOutput(os);
}

/**
 * Write a gnuplot script of the measured throughput (member measuredThroughput of each
 * result) of every algorithm against a sweep variable.
 * @tparam Result a run result with a double member measuredThroughput
 * @param [in] file script name (.plt)
 * @param [in] title plot title
 * @param [in] xLabel x axis label
 * @param [in] yLabel y axis label
 * @param [in] xs x values
 * @param [in] names algorithm names
 * @param [in] results results[point][algorithm]
 */
template<class Result>
void
WriteThroughputPlot(const std::string& file,
                    const std::string& title,
                    const std::string& xLabel,
                    const std::string& yLabel,
                    const std::vector<double>& xs,
                    const std::vector<std::string>& names,
                    const std::vector<std::vector<Result>>& results)
{
    std::vector<std::vector<double>> ys;
    for (const auto& row : results)
    {
        ys.emplace_back();
        for (const Result& r : row)
        {
            ys.back().push_back(r.measuredThroughput);
        }
    }
    WriteSweepPlot(file, title, xLabel, yLabel, xs, names, ys);
}

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_LTE_SCENARIO_H */
