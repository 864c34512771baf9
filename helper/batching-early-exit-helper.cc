/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "batching-early-exit-helper.h"

#include "edge-inference-trace-helper.h"

#include "ns3/abort.h"
#include "ns3/bandwidth-share-ff-mac-scheduler.h"
#include "ns3/bandwidth-share-ffr-algorithm.h"
#include "ns3/batching-early-exit-allocator.h"
#include "ns3/batching-early-exit-server.h"
#include "ns3/component-carrier-enb.h"
#include "ns3/log.h"
#include "ns3/lte-enb-net-device.h"
#include "ns3/lte-enb-phy.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/offloading-client.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("BatchingEarlyExitHelper");

namespace
{

/// What a ReportUeSinr sink needs.
struct ChannelReportContext : public SimpleRefCount<ChannelReportContext>
{
    Ptr<OffloadingServerBase> server; ///< Receives the reports
    Ptr<LteEnbRrc> rrc;               ///< Resolves RNTI to IMSI
    double bandwidthHz{0};            ///< SRS (uplink) bandwidth, Hz
};

/**
 * Sink of LteEnbPhy::ReportUeSinr.
 * @param [in] ctx context
 * @param [in] cellId cell
 * @param [in] rnti the UE
 * @param [in] sinrLinear wideband SRS SINR
 * @param [in] ccId component carrier
 */
void
ReportUeSinrSink(
    Ptr<ChannelReportContext> ctx, uint16_t cellId, uint16_t rnti, double sinrLinear, uint8_t ccId)
{
    if (!ctx->rrc->HasUeManager(rnti) || !(sinrLinear >= 0) || !std::isfinite(sinrLinear))
    {
        return;
    }
    const uint64_t imsi = ctx->rrc->GetUeManager(rnti)->GetImsi();
    ctx->server->ReportUplinkChannel(
        imsi, BatchingEarlyExitAllocator::SnrBandwidthFromSinr(sinrLinear, ctx->bandwidthHz));
}

/**
 * Apply the served UEs' bandwidths as uplink shares (empty map: clear).
 * @param [in] sched the eNB's scheduler
 * @param [in] nRb uplink bandwidth of the cell, RBs
 * @param [in] bandwidthByImsi w_k by IMSI, Hz
 */
void
ApplyUplinkShares(Ptr<BandwidthShareFfMacScheduler> sched,
                  uint32_t nRb,
                  const std::map<uint64_t, double>& bandwidthByImsi)
{
    sched->ClearUlShares();
    double sum = 0;
    std::map<uint64_t, double> shares;
    for (const auto& kv : bandwidthByImsi)
    {
        shares[kv.first] = BandwidthShareFfrAlgorithm::HzToUlShare(kv.second, nRb);
        sum += shares[kv.first];
    }
    const double scale = sum > 1.0 ? 1.0 / sum : 1.0;
    if (scale < 1.0)
    {
        NS_LOG_WARN("BatchingEarlyExitHelper: uplink shares sum to " << sum
                                                                     << "; scaled down to 1");
    }
    for (const auto& kv : shares)
    {
        sched->SetUlShareByImsi(kv.first, std::min(1.0, kv.second * scale));
    }
}

} // namespace

void
BatchingEarlyExitHelper::ConnectUplinkShares(Ptr<Application> server, Ptr<NetDevice> enbDevice)
{
    Ptr<OffloadingServerBase> s = DynamicCast<OffloadingServerBase>(server);
    NS_ABORT_MSG_IF(!s,
                    "ConnectUplinkShares: the application is not an BatchingEarlyExitServer or "
                    "another OffloadingServerBase");
    Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbDevice);
    NS_ABORT_MSG_IF(!enb, "ConnectUplinkShares: the device is not an LTE eNB");
    Ptr<BandwidthShareFfMacScheduler> sched =
        BandwidthShareFfMacScheduler::GetFromEnbDevice(enbDevice);
    s->SetUplinkBandwidthCallback(
        MakeBoundCallback(&ApplyUplinkShares, sched, static_cast<uint32_t>(enb->GetUlBandwidth())));
}

BatchingEarlyExitHelper::BatchingEarlyExitHelper()
{
    m_serverFactory.SetTypeId("ns3::BatchingEarlyExitServer");
    m_clientFactory.SetTypeId("ns3::OffloadingClient");
    m_allocatorFactory.SetTypeId("ns3::BatchingEarlyExitSolverAllocator");
}

void
BatchingEarlyExitHelper::SetAllocatorType(const std::string& typeId)
{
    m_allocatorFactory.SetTypeId(typeId);
}

void
BatchingEarlyExitHelper::SetAllocatorAttribute(const std::string& name, const AttributeValue& value)
{
    m_allocatorFactory.Set(name, value);
}

void
BatchingEarlyExitHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

void
BatchingEarlyExitHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

ApplicationContainer
BatchingEarlyExitHelper::InstallServer(Ptr<Node> node) const
{
    Ptr<BatchingEarlyExitServer> server = m_serverFactory.Create<BatchingEarlyExitServer>();
    const TypeId tid = m_allocatorFactory.GetTypeId();
    NS_ABORT_MSG_IF(!tid.HasConstructor(),
                    "BatchingEarlyExitHelper: allocator type "
                        << tid.GetName()
                        << " has no constructor (abstract? register it with AddConstructor)");
    Ptr<BatchingEarlyExitAllocator> allocator =
        DynamicCast<BatchingEarlyExitAllocator>(m_allocatorFactory.Create());
    NS_ABORT_MSG_IF(!allocator,
                    "BatchingEarlyExitHelper: allocator type "
                        << m_allocatorFactory.GetTypeId().GetName()
                        << " is not an ns3::BatchingEarlyExitAllocator");
    server->SetAllocator(allocator);
    node->AddApplication(server);
    return ApplicationContainer(server);
}

ApplicationContainer
BatchingEarlyExitHelper::InstallClients(NodeContainer nodes, const Address& serverAddress) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<OffloadingClient> client = m_clientFactory.Create<OffloadingClient>();
        client->SetAttribute("RemoteAddress", AddressValue(serverAddress));
        (*it)->AddApplication(client);
        apps.Add(client);
    }
    return apps;
}

void
BatchingEarlyExitHelper::ConnectEnbChannelReports(Ptr<Application> server,
                                                  const NetDeviceContainer& enbDevices)
{
    Ptr<OffloadingServerBase> s = DynamicCast<OffloadingServerBase>(server);
    NS_ABORT_MSG_IF(!s,
                    "ConnectEnbChannelReports: the application is not an BatchingEarlyExitServer "
                    "or another OffloadingServerBase");
    for (uint32_t i = 0; i < enbDevices.GetN(); ++i)
    {
        Ptr<LteEnbNetDevice> enb = DynamicCast<LteEnbNetDevice>(enbDevices.Get(i));
        NS_ABORT_MSG_IF(!enb, "ConnectEnbChannelReports: device " << i << " is not an LTE eNB");
        for (const auto& cc : enb->GetCcMap())
        {
            Ptr<ComponentCarrierEnb> carrier = DynamicCast<ComponentCarrierEnb>(cc.second);
            if (!carrier)
            {
                continue;
            }
            Ptr<ChannelReportContext> ctx = Create<ChannelReportContext>();
            ctx->server = s;
            ctx->rrc = enb->GetRrc();
            ctx->bandwidthHz =
                carrier->GetUlBandwidth() * BandwidthShareFfrAlgorithm::RB_BANDWIDTH_HZ;
            carrier->GetPhy()->TraceConnectWithoutContext(
                "ReportUeSinr", MakeBoundCallback(&ReportUeSinrSink, ctx));
        }
    }
}

int64_t
BatchingEarlyExitHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        for (uint32_t j = 0; j < (*it)->GetNApplications(); ++j)
        {
            Ptr<OffloadingClient> client = DynamicCast<OffloadingClient>((*it)->GetApplication(j));
            if (client)
            {
                current += client->AssignStreams(current);
            }
        }
    }
    return current - stream;
}

Ptr<InferenceTraceWriter>
BatchingEarlyExitHelper::EnableTraces()
{
    return EdgeInferenceTraceHelper::EnableTraces("batching");
}

} // namespace edgeinference
} // namespace ns3
