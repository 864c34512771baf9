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

#ifdef EI_HAVE_NR
#    include "ns3/edge-nr-topology-helper.h"
#endif

#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <stdexcept>
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

/// Names of --radio: "lte", "nr" (refused by CheckEdgeRadio() in a build without NR).
inline std::vector<std::string>
EdgeRadioNames()
{
    return {"lte", "nr"};
}

/**
 * Refuse --radio=nr when the module was built without NR, naming the fix.
 * @param [in] radio "lte" or "nr"
 * @throw std::invalid_argument if the radio is not available
 */
inline void
CheckEdgeRadio(const std::string& radio)
{
#ifndef EI_HAVE_NR
    if (radio == "nr")
    {
        throw std::invalid_argument(
            "--radio=nr: this build of edge-inference has no NR (5G-LENA was not found at "
            "configure time; see README, 'NR (5G-LENA)': utils/build-nr.sh, then "
            "-DEI_NR_PREFIX=<prefix>)");
    }
#endif
    if (radio != "lte" && radio != "nr")
    {
        throw std::invalid_argument("--radio=" + radio + ": must be lte or nr");
    }
}

/**
 * @brief The one cell of an example on either radio (--radio=lte|nr): what the
 * applications need (server, UEs, devices) and the radio's own topology.
 */
struct EdgeCell
{
    std::string radio;         ///< "lte" or "nr"
    NodeContainer remote;      ///< The edge server
    NodeContainer ues;         ///< The UEs
    NetDeviceContainer bs;     ///< eNB / gNB device
    NetDeviceContainer ueDevs; ///< UE devices
    Ipv4Address serverAddress; ///< IPv4 address of the edge server
    EdgeLteTopology lte;       ///< the LTE topology (radio "lte")
#ifdef EI_HAVE_NR
    EdgeNrTopology nr; ///< the NR topology (radio "nr")
#endif

    /**
     * Fix the radio's random streams (HARQ, random access).
     * @param [in] stream first stream
     */
    void AssignStreams(int64_t stream) const
    {
#ifdef EI_HAVE_NR
        if (radio == "nr")
        {
            EdgeNrTopologyHelper::AssignStreams(nr, stream);
            return;
        }
#endif
        lte.lte->AssignStreams(NetDeviceContainer(bs, ueDevs), stream);
    }
};

/**
 * Build the example's cell on the chosen radio. LTE: BuildEdgeLteTopology(rbs, ...,
 * lteConfigure). NR: EdgeNrTopologyHelper with its attribute defaults (set them with
 * --ns3::EdgeNrTopologyHelper::<Attribute>=...), gNB power bsTxPowerDbm; rbs is not used.
 * @param [in] radio "lte" or "nr"
 * @param [in] rbs LTE bandwidth, RBs
 * @param [in] distancesM UE distances, m
 * @param [in] lteConfigure LTE helper configuration (scheduler, powers)
 * @param [in] geometry heights and core delay
 * @param [in] bsTxPowerDbm gNB power (NR only), dBm; NaN (default): EdgeNrTopologyHelper's
 * GnbTxPowerDbm (the LTE powers come from BuildEdgeLteTopology's EdgeLteRadio defaults)
 * @return the cell
 */
inline EdgeCell
BuildEdgeCell(const std::string& radio,
              uint32_t rbs,
              const std::vector<double>& distancesM,
              const std::function<void(Ptr<LteHelper>)>& lteConfigure,
              const EdgeLteGeometry& geometry,
              double bsTxPowerDbm = std::numeric_limits<double>::quiet_NaN())
{
    CheckEdgeRadio(radio);
    EdgeCell c;
    c.radio = radio;
#ifdef EI_HAVE_NR
    if (radio == "nr")
    {
        Ptr<EdgeNrTopologyHelper> h = CreateObject<EdgeNrTopologyHelper>();
        if (!std::isnan(bsTxPowerDbm))
        {
            h->SetAttribute("GnbTxPowerDbm", DoubleValue(bsTxPowerDbm));
        }
        c.nr = h->Build(
            distancesM, [](Ptr<NrHelper>) {}, geometry);
        c.remote = c.nr.remote;
        c.ues = c.nr.ues;
        c.bs = c.nr.gnbDevices;
        c.ueDevs = c.nr.ueDevices;
        c.serverAddress = c.nr.serverAddress;
        return c;
    }
#endif
    c.lte = BuildEdgeLteTopology(rbs, distancesM, lteConfigure, geometry);
    c.remote = c.lte.remote;
    c.ues = c.lte.ues;
    c.bs = c.lte.enbDevices;
    c.ueDevs = c.lte.ueDevices;
    c.serverAddress = c.lte.serverAddress;
    return c;
}

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_LTE_SCENARIO_H */
