/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-spectrum-phy.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/radio-rate.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ns3
{
namespace edgeinference
{

NS_LOG_COMPONENT_DEFINE("NomaSpectrumPhy");

NS_OBJECT_ENSURE_REGISTERED(NomaSpectrumPhy);

TypeId
NomaSpectrumPhy::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::NomaSpectrumPhy")
            .SetParent<SpectrumPhy>()
            .SetGroupName("EdgeInference")
            .AddConstructor<NomaSpectrumPhy>()
            .AddAttribute("NoisePsd",
                          "Receiver noise power spectral density N0, W/Hz (noise figure "
                          "included), > 0; default -174 dBm/Hz (3.98e-21 W/Hz).",
                          DoubleValue(THERMAL_NOISE_PSD_W_PER_HZ),
                          MakeDoubleAccessor(&NomaSpectrumPhy::m_noisePsd),
                          MakeDoubleChecker<double>(std::numeric_limits<double>::min()))
            .AddAttribute("ResidualFactor",
                          "Residual-interference factor eps of imperfect SIC, in [0, 1]: the "
                          "fraction of a decoded signal's power left after cancellation "
                          "(0 = perfect SIC).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&NomaSpectrumPhy::m_residualFactor),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("SnrGapDb",
                          "SNR gap Gamma of the decoding rule, dB (>= 0): a TB of b bits in a "
                          "frame of T s succeeds iff B log2(1 + SINR/Gamma) >= b/T.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&NomaSpectrumPhy::m_snrGapDb),
                          MakeDoubleChecker<double>(0.0))
            .AddTraceSource("RxTb",
                            "A TB addressed to this PHY was decoded (successfully or not).",
                            MakeTraceSourceAccessor(&NomaSpectrumPhy::m_rxTbTrace),
                            "ns3::edgeinference::NomaSpectrumPhy::TbTracedCallback")
            .AddTraceSource("RxTbError",
                            "A TB addressed to this PHY failed (SINR below the requirement).",
                            MakeTraceSourceAccessor(&NomaSpectrumPhy::m_rxTbErrorTrace),
                            "ns3::edgeinference::NomaSpectrumPhy::TbTracedCallback")
            .AddTraceSource("RxOk",
                            "A TB was received: UE index and bytes of its segments "
                            "(per-user throughput).",
                            MakeTraceSourceAccessor(&NomaSpectrumPhy::m_rxOkTrace),
                            "ns3::edgeinference::NomaSpectrumPhy::RxBytesTracedCallback")
            .AddTraceSource("Tx",
                            "A signal was sent to the channel.",
                            MakeTraceSourceAccessor(&NomaSpectrumPhy::m_txTrace),
                            "ns3::SpectrumChannel::SignalParametersTracedCallback");
    return tid;
}

NomaSpectrumPhy::NomaSpectrumPhy()
{
    NS_LOG_FUNCTION(this);
}

NomaSpectrumPhy::~NomaSpectrumPhy()
{
    NS_LOG_FUNCTION(this);
}

void
NomaSpectrumPhy::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_device = nullptr;
    m_mobility = nullptr;
    m_channel = nullptr;
    m_model = nullptr;
    for (auto& kv : m_signals)
    {
        kv.second.endRx.Cancel(); // EndRx() must not run on a disposed PHY
    }
    m_signals.clear();
    m_rxTbCallback = MakeNullCallback<void, const NomaComponent&, const NomaTbReport&>();
    SpectrumPhy::DoDispose();
}

void
NomaSpectrumPhy::SetDevice(Ptr<NetDevice> d)
{
    m_device = d;
}

Ptr<NetDevice>
NomaSpectrumPhy::GetDevice() const
{
    return m_device;
}

void
NomaSpectrumPhy::SetMobility(Ptr<MobilityModel> m)
{
    m_mobility = m;
}

Ptr<MobilityModel>
NomaSpectrumPhy::GetMobility() const
{
    return m_mobility;
}

void
NomaSpectrumPhy::SetChannel(Ptr<SpectrumChannel> c)
{
    m_channel = c;
}

Ptr<SpectrumChannel>
NomaSpectrumPhy::GetSpectrumChannel() const
{
    return m_channel;
}

Ptr<const SpectrumModel>
NomaSpectrumPhy::GetRxSpectrumModel() const
{
    return m_model;
}

Ptr<Object>
NomaSpectrumPhy::GetAntenna() const
{
    return nullptr; // isotropic
}

void
NomaSpectrumPhy::SetSubchannels(Ptr<const SpectrumModel> model,
                                uint32_t numSubchannels,
                                double bandwidthHz)
{
    NS_LOG_FUNCTION(this << numSubchannels << bandwidthHz);
    NS_ABORT_MSG_IF(numSubchannels == 0, "NomaSpectrumPhy: numSubchannels must be >= 1, got 0");
    NS_ABORT_MSG_IF(!(bandwidthHz > 0),
                    "NomaSpectrumPhy: subchannel bandwidth must be > 0 Hz, got " << bandwidthHz);
    NS_ABORT_MSG_IF(!model || model->GetNumBands() != 2 * numSubchannels,
                    "NomaSpectrumPhy: the spectrum model needs 2 * " << numSubchannels
                                                                     << " bands (DL then UL)");
    m_model = model;
    m_numSubchannels = numSubchannels;
    m_bandwidthHz = bandwidthHz;
}

Ptr<const SpectrumModel>
NomaSpectrumPhy::MakeBandPlan(uint32_t numSubchannels,
                              double bandwidthHz,
                              double dlLowHz,
                              double ulLowHz)
{
    NS_ABORT_MSG_IF(numSubchannels == 0, "NomaSpectrumPhy: numSubchannels must be >= 1, got 0");
    NS_ABORT_MSG_IF(!(bandwidthHz > 0),
                    "NomaSpectrumPhy: subchannel bandwidth must be > 0 Hz, got " << bandwidthHz);
    Bands bands;
    for (double low : {dlLowHz, ulLowHz})
    {
        for (uint32_t s = 0; s < numSubchannels; ++s)
        {
            BandInfo b;
            b.fl = low + s * bandwidthHz;
            b.fh = b.fl + bandwidthHz;
            b.fc = 0.5 * (b.fl + b.fh);
            bands.push_back(b);
        }
    }
    return Create<SpectrumModel>(bands);
}

uint32_t
NomaSpectrumPhy::GetNumSubchannels() const
{
    return m_numSubchannels;
}

double
NomaSpectrumPhy::GetSubchannelBandwidthHz() const
{
    return m_bandwidthHz;
}

void
NomaSpectrumPhy::SetIdentity(bool isBaseStation, uint32_t cellId, uint32_t ue)
{
    m_isBaseStation = isBaseStation;
    m_cellId = cellId;
    m_ue = ue;
}

void
NomaSpectrumPhy::SetRxTbCallback(RxTbCallback cb)
{
    m_rxTbCallback = cb;
}

double
NomaSpectrumPhy::GetNoisePsd() const
{
    return m_noisePsd;
}

double
NomaSpectrumPhy::GetNoisePowerW() const
{
    return m_noisePsd * m_bandwidthHz;
}

double
NomaSpectrumPhy::GetResidualFactor() const
{
    return m_residualFactor;
}

double
NomaSpectrumPhy::GetSnrGapLinear() const
{
    return DbToLinear(m_snrGapDb);
}

double
NomaSpectrumPhy::RequiredSinr(uint32_t tbBytes,
                              double bandwidthHz,
                              Time duration,
                              double snrGapLinear)
{
    const double spectralEfficiency = 8.0 * tbBytes / (bandwidthHz * duration.GetSeconds());
    return snrGapLinear * (std::exp2(spectralEfficiency) - 1.0);
}

uint32_t
NomaSpectrumPhy::MaxTbBytes(double sinr, double bandwidthHz, Time duration, double snrGapLinear)
{
    const double bits =
        bandwidthHz * duration.GetSeconds() * std::log2(1.0 + std::max(sinr, 0.0) / snrGapLinear);
    const double bytes = std::floor(bits / 8.0);
    if (bytes >= static_cast<double>(std::numeric_limits<uint32_t>::max()))
    {
        return std::numeric_limits<uint32_t>::max();
    }
    return static_cast<uint32_t>(bytes);
}

void
NomaSpectrumPhy::Transmit(uint64_t frameNo,
                          Time duration,
                          const std::vector<NomaComponent>& components)
{
    NS_LOG_FUNCTION(this << frameNo << duration << components.size());
    NS_ABORT_MSG_IF(!m_channel, "NomaSpectrumPhy::Transmit: no channel");
    NS_ABORT_MSG_IF(!m_model, "NomaSpectrumPhy::Transmit: no band plan (SetSubchannels)");
    if (components.empty())
    {
        return;
    }
    Ptr<NomaSignalParameters> params = Create<NomaSignalParameters>();
    params->isDownlink = m_isBaseStation;
    params->txId = m_isBaseStation ? m_cellId : m_ue;
    params->cellId = m_cellId;
    params->frameNo = frameNo;
    params->duration = duration;
    params->txPhy = this;
    params->psd = Create<SpectrumValue>(m_model);
    for (const auto& c : components)
    {
        NS_ABORT_MSG_IF(c.subchannel >= m_numSubchannels,
                        "NomaSpectrumPhy::Transmit: subchannel " << c.subchannel
                                                                 << " >= N = " << m_numSubchannels);
        NS_ABORT_MSG_IF(!(c.powerW >= 0),
                        "NomaSpectrumPhy::Transmit: component power must be >= 0 W, got "
                            << c.powerW);
        const uint32_t band = m_isBaseStation ? c.subchannel : m_numSubchannels + c.subchannel;
        (*params->psd)[band] += c.powerW / m_bandwidthHz;
    }
    params->txPsd = params->psd->Copy();
    params->components = components;
    m_txTrace(params);
    m_channel->StartTx(params);
}

void
NomaSpectrumPhy::StartRx(Ptr<SpectrumSignalParameters> params)
{
    NS_LOG_FUNCTION(this << params);
    Purge(); // drop what ended before anything pending (bounded memory at any receiver)
    RxSignal sig;
    sig.params = params;
    sig.noma = DynamicCast<NomaSignalParameters>(params);
    sig.start = Simulator::Now();
    sig.end = sig.start + params->duration;
    // Only the NOMA signals of this cell in the direction this PHY receives carry TBs for it.
    const bool isMine =
        sig.noma && sig.noma->cellId == m_cellId && sig.noma->isDownlink == !m_isBaseStation;
    sig.isProcessed = !isMine;
    if (!isMine)
    {
        // a signal with no power in the bands this PHY receives cannot interfere
        const uint32_t first = m_isBaseStation ? m_numSubchannels : 0;
        bool hasPower = false;
        for (uint32_t b = first; b < first + m_numSubchannels && !hasPower; ++b)
        {
            hasPower = (*params->psd)[b] > 0;
        }
        if (!hasPower)
        {
            return;
        }
    }
    const uint64_t id = m_nextSignalId++;
    if (isMine)
    {
        sig.endRx = Simulator::Schedule(params->duration, &NomaSpectrumPhy::EndRx, this, id);
    }
    m_signals[id] = sig;
}

double
NomaSpectrumPhy::BandGain(const NomaSignalParameters& p, uint32_t band)
{
    const double tx = (*p.txPsd)[band];
    if (!(tx > 0))
    {
        return 0.0;
    }
    return (*p.psd)[band] / tx;
}

NomaTbReport
NomaSpectrumPhy::Decode(const RxSignal& sig, const NomaComponent& comp) const
{
    const NomaSignalParameters& p = *sig.noma;
    const uint32_t band = p.isDownlink ? comp.subchannel : m_numSubchannels + comp.subchannel;

    /// A superposed signal on the subchannel.
    struct Member
    {
        uint32_t position; ///< SIC position
        double rxPowerW;   ///< received power
        double required;   ///< SINR its TB needs
        bool isOwn;        ///< the component being decoded
    };

    std::vector<Member> group;
    double interference = 0;
    for (const auto& [id, other] : m_signals)
    {
        const bool overlaps = other.start < sig.end && other.end > sig.start;
        const Ptr<NomaSignalParameters>& o = other.noma;
        const bool sameFlow = o && o->cellId == p.cellId && o->isDownlink == p.isDownlink;
        const bool inGroup =
            sameFlow && o->frameNo == p.frameNo && (!p.isDownlink || o == sig.noma);
        if (inGroup)
        {
            const double gain = BandGain(*o, band);
            for (const auto& c : o->components)
            {
                if (c.subchannel != comp.subchannel)
                {
                    continue;
                }
                Member m;
                m.position = c.sicPosition;
                m.rxPowerW = c.powerW * gain;
                m.required = RequiredSinr(c.tbBytes, m_bandwidthHz, p.duration, GetSnrGapLinear());
                m.isOwn = (o == sig.noma && c.ue == comp.ue && c.sicPosition == comp.sicPosition);
                group.push_back(m);
            }
        }
        else if (overlaps && !(sameFlow && o->frameNo != p.frameNo))
        {
            // other cells, other systems: interference for the whole overlap (worst case)
            interference += (*other.params->psd)[band] * m_bandwidthHz;
        }
    }
    std::stable_sort(group.begin(),
                     group.end(),
                     [](const Member& a, const Member& b) { return a.position < b.position; });

    NomaTbReport r;
    r.frameNo = p.frameNo;
    r.cellId = p.cellId;
    r.isDownlink = p.isDownlink;
    r.ue = comp.ue;
    r.subchannel = comp.subchannel;
    r.sicPosition = comp.sicPosition;
    r.groupSize = group.size();
    r.interferenceW = interference;
    r.noiseW = GetNoisePowerW();
    r.tbBytes = comp.tbBytes;

    const auto own =
        std::find_if(group.begin(), group.end(), [](const Member& m) { return m.isOwn; });
    NS_ASSERT(own != group.end());
    const std::size_t ownIdx = own - group.begin();
    r.rxPowerW = own->rxPowerW;
    r.requiredSinr = own->required;

    double others = 0;
    for (std::size_t m = 0; m < group.size(); ++m)
    {
        if (m != ownIdx)
        {
            others += group[m].rxPowerW;
        }
    }
    r.sinrBeforeSic = own->rxPowerW / (others + interference + r.noiseW);

    // SIC chain up to the own signal: decoded signals leave eps of their power.
    std::vector<bool> decoded(group.size(), false);
    for (std::size_t k = 0; k <= ownIdx; ++k)
    {
        double later = 0;
        for (std::size_t m = k + 1; m < group.size(); ++m)
        {
            later += group[m].rxPowerW;
        }
        double earlier = 0;
        for (std::size_t m = 0; m < k; ++m)
        {
            earlier += (decoded[m] ? m_residualFactor : 1.0) * group[m].rxPowerW;
        }
        const double sinr = group[k].rxPowerW / (later + earlier + interference + r.noiseW);
        decoded[k] = sinr >= group[k].required * (1.0 - SIC_RELATIVE_SLACK);
        if (k == ownIdx)
        {
            r.sinrAfterSic = sinr;
            r.success = decoded[k];
        }
        else if (decoded[k])
        {
            ++r.cancelledSignals;
        }
        else
        {
            ++r.failedCancellations;
        }
    }
    return r;
}

void
NomaSpectrumPhy::EndRx(uint64_t id)
{
    NS_LOG_FUNCTION(this << id);
    auto it = m_signals.find(id);
    NS_ASSERT(it != m_signals.end());
    RxSignal& sig = it->second;
    for (const auto& comp : sig.noma->components)
    {
        if (!m_isBaseStation && comp.ue != m_ue)
        {
            continue;
        }
        const NomaTbReport r = Decode(sig, comp);
        NS_LOG_DEBUG((r.isDownlink ? "DL" : "UL")
                     << " frame " << r.frameNo << " ue " << r.ue << " sub " << r.subchannel
                     << " pos " << r.sicPosition << " SINR " << r.sinrBeforeSic << " -> "
                     << r.sinrAfterSic << " need " << r.requiredSinr << " ok " << r.success);
        m_rxTbTrace(r);
        if (r.success)
        {
            uint32_t bytes = 0;
            for (const auto& s : comp.segments)
            {
                bytes += s->GetSize();
            }
            m_rxOkTrace(r.ue, bytes);
        }
        else
        {
            m_rxTbErrorTrace(r);
        }
        if (!m_rxTbCallback.IsNull())
        {
            m_rxTbCallback(comp, r);
        }
    }
    sig.isProcessed = true;
    Purge();
}

void
NomaSpectrumPhy::Purge()
{
    const Time now = Simulator::Now();
    Time minPendingStart = Time::Max();
    for (const auto& [id, s] : m_signals)
    {
        if (!s.isProcessed || s.end > now)
        {
            minPendingStart = std::min(minPendingStart, s.start);
        }
    }
    for (auto it = m_signals.begin(); it != m_signals.end();)
    {
        if (it->second.isProcessed && it->second.end <= now && it->second.end <= minPendingStart)
        {
            it = m_signals.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

} // namespace edgeinference
} // namespace ns3
