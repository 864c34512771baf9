/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-nr-topology-helper.h"

#include "ns3/antenna-module.h"
#include "ns3/batching-early-exit-allocator.h"
#include "ns3/core-module.h"
#include "ns3/ideal-beamforming-algorithm.h"
#include "ns3/ideal-beamforming-helper.h"
#include "ns3/lte-enb-rrc.h"
#include "ns3/mobility-module.h"
#include "ns3/nr-gnb-net-device.h"
#include "ns3/nr-gnb-phy.h"
#include "ns3/nr-mac-scheduler.h"
#include "ns3/nr-spectrum-phy.h"
#include "ns3/nr-spectrum-value-helper.h"
#include "ns3/nr-symbol-share-scheduler.h"
#include "ns3/nr-ue-mac.h"
#include "ns3/nr-ue-net-device.h"
#include "ns3/nr-ue-phy.h"
#include "ns3/object-map.h"
#include "ns3/offloading-server-base.h"
#include "ns3/point-to-point-module.h"
#include "ns3/pointer.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/spectrum-channel.h"

#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("EdgeNrTopologyHelper");
NS_OBJECT_ENSURE_REGISTERED(EdgeNrTopologyHelper);

/**
 * @ingroup edge-inference-helpers
 * @brief LogDistancePropagationLossModel with the "Frequency" attribute that 5G-LENA reads
 * from a bandwidth part's propagation model to set the PHY's carrier (the loss itself does
 * not depend on it).
 */
class EdgeNrLogDistancePropagationLossModel : public LogDistancePropagationLossModel
{
  public:
    /**
     * @brief Register this type.
     * @return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ns3::EdgeNrLogDistancePropagationLossModel")
                .SetParent<LogDistancePropagationLossModel>()
                .SetGroupName("EdgeInference")
                .AddConstructor<EdgeNrLogDistancePropagationLossModel>()
                .AddAttribute(
                    "Frequency",
                    "Carrier frequency, Hz (read by 5G-LENA; the loss does not depend on it)",
                    DoubleValue(3.5e9),
                    MakeDoubleAccessor(&EdgeNrLogDistancePropagationLossModel::m_frequencyHz),
                    MakeDoubleChecker<double>(0));
        return tid;
    }

  private:
    double m_frequencyHz{3.5e9}; ///< carrier, Hz
};

NS_OBJECT_ENSURE_REGISTERED(EdgeNrLogDistancePropagationLossModel);

namespace
{

/**
 * Sets the default of ns3::RandomVariableStream::Stream for the objects created during its
 * lifetime and restores the previous default when it goes out of scope.
 */
class RandomStreamDefault
{
  public:
    /**
     * @param [in] stream the default stream; -1: leave the default as it is
     */
    explicit RandomStreamDefault(int64_t stream)
        : m_set(stream >= 0)
    {
        if (!m_set)
        {
            return;
        }
        TypeId::AttributeInformation info;
        const bool found = TypeId::LookupByName("ns3::RandomVariableStream")
                               .LookupAttributeByName("Stream", &info);
        NS_ABORT_MSG_UNLESS(found, "ns3::RandomVariableStream has no Stream attribute");
        m_previous = info.initialValue;
        Config::SetDefault("ns3::RandomVariableStream::Stream", IntegerValue(stream));
    }

    ~RandomStreamDefault()
    {
        if (m_set)
        {
            Config::SetDefault("ns3::RandomVariableStream::Stream", *m_previous);
        }
    }

    RandomStreamDefault(const RandomStreamDefault&) = delete;
    RandomStreamDefault& operator=(const RandomStreamDefault&) = delete;

  private:
    bool m_set;                           ///< whether the default was changed
    Ptr<const AttributeValue> m_previous; ///< the default before
};

/**
 * A PHY SAP that only records the random-access preamble a MAC sends
 * (EdgeNrTopologyHelper::RewindRaPreambleCounter()).
 */
class NrPreambleRecorder : public NrPhySapProvider
{
  public:
    void SendMacPdu(const Ptr<Packet>&, const SfnSf&, uint8_t, uint8_t) override {}

    void SendControlMessage(Ptr<NrControlMessage>) override {}

    void SendRachPreamble(uint8_t preambleId, uint8_t) override
    {
        m_last = preambleId;
        ++m_sent;
    }

    void SetSlotAllocInfo(const SlotAllocInfo&) override {}

    void NotifyConnectionSuccessful() override {}

    BeamConfId GetBeamConfId(uint8_t) const override { return BeamConfId(); }

    Ptr<const SpectrumModel> GetSpectrumModel() override { return nullptr; }

    uint16_t GetBwpId() const override { return 0; }

    uint16_t GetCellId() const override { return 0; }

    uint32_t GetSymbolsPerSlot() const override { return 14; }

    Time GetSlotPeriod() const override { return MilliSeconds(1); }

    uint32_t GetRbNum() const override { return 0; }

    uint8_t m_last{0};  ///< the last preamble sent
    uint32_t m_sent{0}; ///< preambles sent
};

} // namespace

TypeId
EdgeNrTopologyHelper::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::EdgeNrTopologyHelper")
            .SetParent<Object>()
            .SetGroupName("EdgeInference")
            .AddConstructor<EdgeNrTopologyHelper>()
            .AddAttribute("Numerology",
                          "NR numerology mu of the bandwidth part (subcarrier spacing 15 kHz x "
                          "2^mu, slot 1 ms / 2^mu)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&EdgeNrTopologyHelper::m_numerology),
                          MakeUintegerChecker<uint16_t>(0, 4))
            .AddAttribute("CentralFrequencyHz",
                          "Carrier frequency of the band, Hz (FR1 n78 by default)",
                          DoubleValue(3.5e9),
                          MakeDoubleAccessor(&EdgeNrTopologyHelper::m_centralFrequencyHz),
                          MakeDoubleChecker<double>(0.4e9, 100e9))
            .AddAttribute("BandwidthHz",
                          "Channel bandwidth of the band = its one bandwidth part, Hz",
                          DoubleValue(20e6),
                          MakeDoubleAccessor(&EdgeNrTopologyHelper::m_bandwidthHz),
                          MakeDoubleChecker<double>(5e6, 400e6))
            .AddAttribute("GnbTxPowerDbm",
                          "gNB transmit power over the bandwidth part, dBm",
                          DoubleValue(43),
                          MakeDoubleAccessor(&EdgeNrTopologyHelper::m_gnbTxPowerDbm),
                          MakeDoubleChecker<double>(-30, 60))
            .AddAttribute("UeTxPowerDbm",
                          "UE transmit power, dBm",
                          DoubleValue(23),
                          MakeDoubleAccessor(&EdgeNrTopologyHelper::m_ueTxPowerDbm),
                          MakeDoubleChecker<double>(-30, 40))
            .AddAttribute("GnbNoiseFigureDb",
                          "gNB receiver noise figure, dB",
                          DoubleValue(5),
                          MakeDoubleAccessor(&EdgeNrTopologyHelper::m_gnbNoiseFigureDb),
                          MakeDoubleChecker<double>(0, 30))
            .AddAttribute("UeNoiseFigureDb",
                          "UE receiver noise figure, dB",
                          DoubleValue(9),
                          MakeDoubleAccessor(&EdgeNrTopologyHelper::m_ueNoiseFigureDb),
                          MakeDoubleChecker<double>(0, 30))
            .AddAttribute("Pattern",
                          "TDD slot pattern of the gNB (5G-LENA syntax: DL, UL or F per slot, "
                          "each followed by |)",
                          StringValue("DL|DL|DL|F|UL|DL|DL|DL|F|UL|"),
                          MakeStringAccessor(&EdgeNrTopologyHelper::m_pattern),
                          MakeStringChecker())
            .AddAttribute("SchedulerType",
                          "gNB MAC scheduler (a 5G-LENA NrMacScheduler subclass)",
                          TypeIdValue(TypeId::LookupByName("ns3::NrMacSchedulerTdmaRR")),
                          MakeTypeIdAccessor(&EdgeNrTopologyHelper::m_schedulerType),
                          MakeTypeIdChecker())
            .AddAttribute(
                "GnbConstructionStream",
                "RNG stream of the random variables 5G-LENA creates while Build() installs the "
                "gNB. 5G-LENA v2.3's NrMacSchedulerSrsDefault shuffles the SRS offsets it gives "
                "the UEs in its constructor, before AssignStreams() can reach it; with this "
                "fixed stream the offsets are the same in every run with the same seed and run "
                "number (AssignStreams() then renumbers the gNB's variables). -1: 5G-LENA's "
                "automatic numbering, under which the offsets depend on how many random "
                "variables the process created before (an in-process rerun differs from a fresh "
                "run)",
                IntegerValue(1000000000),
                MakeIntegerAccessor(&EdgeNrTopologyHelper::m_gnbConstructionStream),
                MakeIntegerChecker<int64_t>(-1))
            .AddAttribute(
                "GnbPowerOverBandwidth",
                "Spread the gNB's transmit power over the whole bandwidth in every symbol "
                "(5G-LENA's NrGnbPhy PowerAllocationType UniformPowerAllocBw). false: 5G-LENA's "
                "default, over the RBs in use (UniformPowerAllocUsed), under which a HARQ "
                "retransmission 5G-LENA places on fewer RBs than the first transmission is "
                "received a few dB stronger; the UE's CQI from it then names an MCS the next "
                "whole-band transmission fails at, and its retransmission repeats the cycle "
                "(measured: 700 m UEs losing 77 % of their first transmissions in the 40-UE "
                "SLIDE run)",
                BooleanValue(true),
                MakeBooleanAccessor(&EdgeNrTopologyHelper::m_gnbPowerOverBandwidth),
                MakeBooleanChecker());
    return tid;
}

EdgeNrTopologyHelper::EdgeNrTopologyHelper()
{
    NS_LOG_FUNCTION(this);
}

uint16_t
EdgeNrTopologyHelper::GetNumerology() const
{
    return m_numerology;
}

double
EdgeNrTopologyHelper::GetBandwidthHz() const
{
    return m_bandwidthHz;
}

uint32_t
EdgeNrTopologyHelper::GetNumRbs() const
{
    return RbsOf(m_bandwidthHz, m_numerology);
}

double
EdgeNrTopologyHelper::GetGnbTxPowerDbm() const
{
    return m_gnbTxPowerDbm;
}

double
EdgeNrTopologyHelper::GetGnbNoiseFigureDb() const
{
    return m_gnbNoiseFigureDb;
}

double
EdgeNrTopologyHelper::GetUeTxPowerDbm() const
{
    return m_ueTxPowerDbm;
}

double
EdgeNrTopologyHelper::GetUeNoiseFigureDb() const
{
    return m_ueNoiseFigureDb;
}

std::string
EdgeNrTopologyHelper::GetPattern() const
{
    return m_pattern;
}

NrDlResources
EdgeNrTopologyHelper::GetDlResources() const
{
    return NrDlResources::Of(m_bandwidthHz, m_numerology, m_pattern);
}

double
EdgeNrTopologyHelper::GetDlSinr(double distanceM, const EdgeLteGeometry& geometry) const
{
    const double dz = geometry.enbHeightM - geometry.ueHeightM;
    const double d3 = std::max(1.0, std::sqrt(distanceM * distanceM + dz * dz));
    const double lossDb = 15.3 + 37.6 * std::log10(d3);
    const NrDlResources r = GetDlResources();
    const double noiseDbm = -174 + 10 * std::log10(r.nRb * r.rbWidthHz) + m_ueNoiseFigureDb;
    return std::pow(10.0, (m_gnbTxPowerDbm - lossDb - noiseDbm) / 10);
}

uint32_t
EdgeNrTopologyHelper::RbsOf(double bandwidthHz, uint16_t numerology, double rbOverhead)
{
    const double rbWidthHz = 12 * 15e3 * std::pow(2.0, numerology);
    return static_cast<uint32_t>(bandwidthHz * (1 - rbOverhead) / rbWidthHz);
}

EdgeNrTopology
EdgeNrTopologyHelper::Build(const std::vector<double>& distancesM,
                            const std::function<void(Ptr<NrHelper>)>& configure,
                            const EdgeLteGeometry& geometry) const
{
    NS_LOG_FUNCTION(this << distancesM.size());
    NS_ABORT_MSG_IF(distancesM.empty(), "NR scenario: no UE (distancesM is empty)");
    NS_ABORT_MSG_IF(RbsOf(m_bandwidthHz, m_numerology) == 0,
                    "NR scenario: BandwidthHz = " << m_bandwidthHz << " holds no RB at numerology "
                                                  << m_numerology);
    EdgeNrTopology t;
    t.nr = CreateObject<NrHelper>();
    t.epc = CreateObject<NrPointToPointEpcHelper>();
    Ptr<IdealBeamformingHelper> beamforming = CreateObject<IdealBeamformingHelper>();
    // single isotropic elements: every UE on the one (empty) beam, so the OFDMA scheduler
    // shares the RBGs of every symbol among all UEs
    beamforming->SetAttribute("BeamformingMethod", TypeIdValue(DirectPathBeamforming::GetTypeId()));
    t.nr->SetBeamformingHelper(beamforming);
    t.nr->SetEpcHelper(t.epc);
    t.nr->SetSchedulerTypeId(m_schedulerType);
    for (const char* a : {"NumRows", "NumColumns"})
    {
        t.nr->SetGnbAntennaAttribute(a, UintegerValue(1));
        t.nr->SetUeAntennaAttribute(a, UintegerValue(1));
    }
    t.nr->SetGnbAntennaAttribute("AntennaElement",
                                 PointerValue(CreateObject<IsotropicAntennaModel>()));
    t.nr->SetUeAntennaAttribute("AntennaElement",
                                PointerValue(CreateObject<IsotropicAntennaModel>()));
    t.nr->SetGnbPhyAttribute("TxPower", DoubleValue(m_gnbTxPowerDbm));
    t.nr->SetGnbPhyAttribute("NoiseFigure", DoubleValue(m_gnbNoiseFigureDb));
    t.nr->SetGnbPhyAttribute("Numerology", UintegerValue(m_numerology));
    t.nr->SetGnbPhyAttribute("Pattern", StringValue(m_pattern));
    t.nr->SetGnbPhyAttribute("PowerAllocationType",
                             EnumValue(m_gnbPowerOverBandwidth
                                           ? NrSpectrumValueHelper::UNIFORM_POWER_ALLOCATION_BW
                                           : NrSpectrumValueHelper::UNIFORM_POWER_ALLOCATION_USED));
    t.nr->SetUePhyAttribute("TxPower", DoubleValue(m_ueTxPowerDbm));
    t.nr->SetUePhyAttribute("NoiseFigure", DoubleValue(m_ueNoiseFigureDb));

    // one band, one CC, one BWP; the LTE scenario's log-distance path loss, no fading
    CcBwpCreator creator;
    CcBwpCreator::SimpleOperationBandConf conf(
        m_centralFrequencyHz, m_bandwidthHz, 1, BandwidthPartInfo::UMa_LoS);
    OperationBandInfo band = creator.CreateOperationBandContiguousCc(conf);
    Ptr<EdgeNrLogDistancePropagationLossModel> loss =
        CreateObject<EdgeNrLogDistancePropagationLossModel>();
    loss->SetAttribute("Frequency", DoubleValue(m_centralFrequencyHz));
    // 128.1 + 37.6 log10(d / 1 km) dB = 15.3 + 37.6 log10(d / 1 m) dB
    loss->SetAttribute("Exponent", DoubleValue(3.76));
    loss->SetAttribute("ReferenceDistance", DoubleValue(1.0));
    loss->SetAttribute("ReferenceLoss", DoubleValue(15.3));
    band.m_cc.at(0)->m_bwp.at(0)->m_propagation = loss;
    t.nr->InitializeOperationBand(&band, NrHelper::INIT_CHANNEL);
    const BandwidthPartInfoPtrVector bwps = CcBwpCreator::GetAllBwps({band});
    configure(t.nr);

    t.remote.Create(1);
    InternetStackHelper stack;
    stack.Install(t.remote);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(geometry.coreDelay));
    NetDeviceContainer core = p2p.Install(t.epc->GetPgwNode(), t.remote.Get(0));
    Ipv4AddressHelper addr("1.0.0.0", "255.0.0.0");
    Ipv4InterfaceContainer coreIf = addr.Assign(core);
    t.serverAddress = coreIf.GetAddress(1);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(t.remote.Get(0)->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"), 1);

    t.gnb.Create(1);
    t.ues.Create(distancesM.size());
    MobilityHelper mob;
    mob.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mob.Install(t.gnb);
    mob.Install(t.ues);
    t.gnb.Get(0)->GetObject<MobilityModel>()->SetPosition(Vector(0, 0, geometry.enbHeightM));
    for (uint32_t i = 0; i < distancesM.size(); ++i)
    {
        const double angle = 2 * M_PI * i / distancesM.size();
        t.ues.Get(i)->GetObject<MobilityModel>()->SetPosition(Vector(
            distancesM[i] * std::cos(angle), distancesM[i] * std::sin(angle), geometry.ueHeightM));
    }
    {
        // 5G-LENA's NrMacSchedulerSrsDefault draws its SRS offset shuffle from a random
        // variable in its constructor (attribute StartingPeriodicity), before any
        // AssignStreams(): construct the gNB with a fixed stream for the variables it creates
        const RandomStreamDefault fixedStream(m_gnbConstructionStream);
        t.gnbDevices = t.nr->InstallGnbDevice(t.gnb, bwps);
    }
    // as in a fresh process, the UEs take RA preambles 0, 1, ... (the order in which the gNB
    // numbers the preambles of one slot depends on their values)
    RewindRaPreambleCounter();
    t.ueDevices = t.nr->InstallUeDevice(t.ues, bwps);
    for (auto it = t.gnbDevices.Begin(); it != t.gnbDevices.End(); ++it)
    {
        DynamicCast<NrGnbNetDevice>(*it)->UpdateConfig();
    }
    for (auto it = t.ueDevices.Begin(); it != t.ueDevices.End(); ++it)
    {
        DynamicCast<NrUeNetDevice>(*it)->UpdateConfig();
    }
    stack.Install(t.ues);
    t.ueInterfaces = t.epc->AssignUeIpv4Address(t.ueDevices);
    for (uint32_t i = 0; i < t.ues.GetN(); ++i)
    {
        routing.GetStaticRouting(t.ues.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(t.epc->GetUeDefaultGatewayAddress(), 1);
    }
    for (uint32_t i = 0; i < t.ueDevices.GetN(); ++i)
    {
        t.nr->AttachToEnb(t.ueDevices.Get(i), t.gnbDevices.Get(0));
    }
    return t;
}

uint8_t
EdgeNrTopologyHelper::RewindRaPreambleCounter(uint8_t next)
{
    // NrUeMac::SendRaPreamble() takes the preamble from the process-wide counter
    // NrUeMac::g_raPreambleId (uint8_t, private, never reset): a detached MAC with a recording
    // PHY SAP reads it and advances it (modulo 256) to next
    Ptr<NrUeMac> mac = CreateObject<NrUeMac>();
    NrPreambleRecorder phy;
    mac->SetPhySapProvider(&phy);
    LteUeCmacSapProvider* cmac = mac->GetUeCmacSapProvider();
    cmac->StartContentionBasedRandomAccessProcedure();
    const uint8_t found = phy.m_last;
    for (auto counter = static_cast<uint8_t>(found + 1); counter != next; ++counter)
    {
        cmac->StartContentionBasedRandomAccessProcedure();
    }
    mac->SetPhySapProvider(nullptr);
    mac->Dispose();
    NS_LOG_LOGIC("RA preamble counter was " << +found << "; set to " << +next << " with "
                                            << phy.m_sent << " preambles");
    return found;
}

int64_t
EdgeNrTopologyHelper::AssignStreams(const EdgeNrTopology& topology, int64_t stream)
{
    // NrHelper::AssignStreams() also numbers the 3GPP channel objects and asserts that the
    // channel's loss is a ThreeGppPropagationLossModel; this cell's log-distance loss and
    // its absent fading draw nothing, so number the devices' objects the same way without
    int64_t s = stream;
    for (uint32_t i = 0; i < topology.gnbDevices.GetN(); ++i)
    {
        Ptr<NrGnbNetDevice> gnb = DynamicCast<NrGnbNetDevice>(topology.gnbDevices.Get(i));
        for (uint32_t bwp = 0; bwp < gnb->GetCcMapSize(); ++bwp)
        {
            s += gnb->GetScheduler(bwp)->AssignStreams(s);
            for (uint8_t k = 0; k < gnb->GetPhy(bwp)->GetNumberOfStreams(); ++k)
            {
                s += gnb->GetPhy(bwp)->GetSpectrumPhy(k)->AssignStreams(s);
            }
        }
    }
    for (uint32_t i = 0; i < topology.ueDevices.GetN(); ++i)
    {
        Ptr<NrUeNetDevice> ue = DynamicCast<NrUeNetDevice>(topology.ueDevices.Get(i));
        for (uint32_t bwp = 0; bwp < ue->GetCcMapSize(); ++bwp)
        {
            s += ue->GetMac(bwp)->AssignStreams(s);
            for (uint8_t k = 0; k < ue->GetPhy(bwp)->GetNumberOfStreams(); ++k)
            {
                s += ue->GetPhy(bwp)->GetSpectrumPhy(k)->AssignStreams(s);
            }
        }
    }
    return s - stream;
}

namespace
{

/**
 * @param [in] gnbDevice a device
 * @param [in] who the caller, for the message
 * @return the device as an NR gNB
 * @throw std::invalid_argument if it is not one
 */
Ptr<NrGnbNetDevice>
AsGnb(const Ptr<NetDevice>& gnbDevice, const std::string& who)
{
    Ptr<NrGnbNetDevice> gnb = DynamicCast<NrGnbNetDevice>(gnbDevice);
    if (!gnb)
    {
        throw std::invalid_argument("EdgeNrTopologyHelper::" + who +
                                    ": the device is not an NrGnbNetDevice");
    }
    return gnb;
}

/**
 * @param [in] server an application
 * @param [in] who the caller, for the message
 * @return it as an offloading server
 * @throw std::invalid_argument if it is not one
 */
Ptr<OffloadingServerBase>
AsServer(const Ptr<Application>& server, const std::string& who)
{
    Ptr<OffloadingServerBase> s = DynamicCast<OffloadingServerBase>(server);
    if (!s)
    {
        throw std::invalid_argument(
            "EdgeNrTopologyHelper::" + who +
            ": the application is not an OffloadingServerBase (BatchingEarlyExitServer, "
            "PartialLoadingServer)");
    }
    return s;
}

/// What an SRS SINR sink needs.
struct NrChannelReportContext : public SimpleRefCount<NrChannelReportContext>
{
    Ptr<OffloadingServerBase> server; ///< Receives the reports
    Ptr<LteEnbRrc> rrc;               ///< Resolves RNTI to IMSI
    double bandwidthHz{0};            ///< W, Hz
};

/**
 * Sink of NrSpectrumPhy's SRS SINR report callback.
 * @param [in] ctx context
 * @param [in] cellId cell
 * @param [in] rnti the UE
 * @param [in] sinrLinear wideband SRS SINR (mean over the RBs)
 */
void
NrSrsSinrSink(Ptr<NrChannelReportContext> ctx, uint16_t cellId, uint16_t rnti, double sinrLinear)
{
    if (!ctx->rrc->HasUeManager(rnti) || !(sinrLinear >= 0) || !std::isfinite(sinrLinear))
    {
        return;
    }
    ctx->server->ReportUplinkChannel(
        ctx->rrc->GetUeManager(rnti)->GetImsi(),
        BatchingEarlyExitAllocator::SnrBandwidthFromSinr(sinrLinear, ctx->bandwidthHz));
}

/**
 * Apply the served UEs' bandwidths as UL symbol shares (empty map: clear).
 * @param [in] sched the gNB's scheduler
 * @param [in] bandwidthHz W, Hz
 * @param [in] bandwidthByImsi w_k by IMSI, Hz
 */
void
ApplyNrUplinkShares(Ptr<NrSymbolShareScheduler> sched,
                    double bandwidthHz,
                    const std::map<uint64_t, double>& bandwidthByImsi)
{
    sched->ClearUlShares();
    double sum = 0;
    std::map<uint64_t, double> shares;
    for (const auto& kv : bandwidthByImsi)
    {
        shares[kv.first] = std::max(0.0, kv.second / bandwidthHz);
        sum += shares[kv.first];
    }
    const double scale = sum > 1.0 ? 1.0 / sum : 1.0;
    if (scale < 1.0)
    {
        NS_LOG_WARN("EdgeNrTopologyHelper: uplink shares sum to " << sum << "; scaled down to 1");
    }
    for (const auto& kv : shares)
    {
        sched->SetUlShareByImsi(kv.first, std::min(1.0, kv.second * scale));
    }
}

} // namespace

double
EdgeNrTopologyHelper::GetUlBandwidthHz(const Ptr<NetDevice>& gnbDevice)
{
    Ptr<NrGnbPhy> phy = AsGnb(gnbDevice, "GetUlBandwidthHz")->GetPhy(0);
    return phy->GetRbNum() * 12.0 * phy->GetSubcarrierSpacing();
}

NrUlResources
EdgeNrTopologyHelper::GetUlResources(const Ptr<NetDevice>& gnbDevice, uint32_t nUes)
{
    Ptr<NrGnbPhy> phy = AsGnb(gnbDevice, "GetUlResources")->GetPhy(0);
    return NrUlResources::FromRbs(phy->GetRbNum(), phy->GetNumerology(), phy->GetPattern(), nUes);
}

NrDlResources
EdgeNrTopologyHelper::GetDlResources(const Ptr<NetDevice>& gnbDevice)
{
    Ptr<NrGnbPhy> phy = AsGnb(gnbDevice, "GetDlResources")->GetPhy(0);
    return NrDlResources::Of(
        phy->GetChannelBandwidth(), phy->GetNumerology(), phy->GetPattern(), phy->GetRbOverhead());
}

void
EdgeNrTopologyHelper::ConnectChannelReports(const Ptr<Application>& server,
                                            const NetDeviceContainer& gnbDevices)
{
    Ptr<OffloadingServerBase> s = AsServer(server, "ConnectChannelReports");
    for (uint32_t i = 0; i < gnbDevices.GetN(); ++i)
    {
        Ptr<NrGnbNetDevice> gnb = AsGnb(gnbDevices.Get(i), "ConnectChannelReports");
        for (uint32_t bwp = 0; bwp < gnb->GetCcMapSize(); ++bwp)
        {
            Ptr<NrChannelReportContext> ctx = Create<NrChannelReportContext>();
            ctx->server = s;
            ctx->rrc = gnb->GetRrc();
            ctx->bandwidthHz = GetUlBandwidthHz(gnb);
            for (uint8_t k = 0; k < gnb->GetPhy(bwp)->GetNumberOfStreams(); ++k)
            {
                gnb->GetPhy(bwp)->GetSpectrumPhy(k)->AddSrsSinrReportCallback(
                    MakeBoundCallback(&NrSrsSinrSink, ctx));
            }
        }
    }
}

void
EdgeNrTopologyHelper::ConnectUplinkShares(const Ptr<Application>& server,
                                          const Ptr<NetDevice>& gnbDevice,
                                          double efficiency)
{
    Ptr<OffloadingServerBase> s = AsServer(server, "ConnectUplinkShares");
    AsGnb(gnbDevice, "ConnectUplinkShares");
    Ptr<NrSymbolShareScheduler> sched = NrSymbolShareScheduler::GetFromGnbDevice(gnbDevice);
    ConnectUplinkRateModel(server, gnbDevice, efficiency);
    s->SetUplinkBandwidthCallback(
        MakeBoundCallback(&ApplyNrUplinkShares, sched, GetUlBandwidthHz(gnbDevice)));
}

void
EdgeNrTopologyHelper::ConnectUplinkRateModel(const Ptr<Application>& server,
                                             const Ptr<NetDevice>& gnbDevice,
                                             double efficiency)
{
    Ptr<OffloadingServerBase> s = AsServer(server, "ConnectUplinkRateModel");
    Ptr<NrGnbNetDevice> gnb = AsGnb(gnbDevice, "ConnectUplinkRateModel");
    if (!(efficiency > 0 && efficiency <= 1))
    {
        throw std::invalid_argument("EdgeNrTopologyHelper::ConnectUplinkRateModel: efficiency = " +
                                    std::to_string(efficiency) + " (must be in (0, 1])");
    }
    PointerValue amcValue;
    gnb->GetScheduler(0)->GetAttribute("UlAmc", amcValue);
    Ptr<const NrAmc> amc = amcValue.Get<NrAmc>();
    Ptr<NetDevice> device = gnbDevice;
    s->SetUplinkRateModelFactory(
        [amc, device, efficiency](const std::vector<double>& sinr)
        {
            ObjectMapValue ueMap; // the UEs of the cell (the SRS overhead grows with them)
            DynamicCast<NrGnbNetDevice>(device)->GetRrc()->GetAttribute("UeMap", ueMap);
            const auto nUes = static_cast<uint32_t>(ueMap.GetN());
            std::shared_ptr<const RateModel> model = std::make_shared<const NrUlAmcRateModel>(
                amc, sinr, GetUlResources(device, std::max(nUes, 1U)), efficiency);
            return model;
        });
}

} // namespace edgeinference
} // namespace ns3
