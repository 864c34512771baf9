/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_SPECTRUM_PHY_H
#define NOMA_SPECTRUM_PHY_H

#include "noma-spectrum-signal-parameters.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/mobility-model.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/spectrum-channel.h"
#include "ns3/spectrum-model.h"
#include "ns3/spectrum-phy.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma
 * @brief Power-domain NOMA PHY on the ns-3 spectrum framework (superposition and SIC).
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-noma
 * @brief What a receiver measured for one transport block (TB).
 */
struct NomaTbReport
{
    uint64_t frameNo{0};          ///< Frame of the TB
    uint32_t cellId{0};           ///< Cell of the TB
    bool isDownlink{true};        ///< Direction
    uint32_t ue{0};               ///< UE the TB is for (DL) or from (UL)
    uint32_t subchannel{0};       ///< Subchannel index
    uint32_t sicPosition{0};      ///< Position of the TB's signal in the SIC order
    uint32_t groupSize{0};        ///< Signals superposed on the subchannel (same cell, frame)
    double rxPowerW{0};           ///< Received power of the TB's signal, W
    double interferenceW{0};      ///< Power of other overlapping signals (other cells, foreign), W
    double noiseW{0};             ///< Noise power N0 B_s, W
    double sinrBeforeSic{0};      ///< SINR with every other superposed signal as interference
    double sinrAfterSic{0};       ///< SINR after the SIC steps that preceded the decode
    double requiredSinr{0};       ///< SINR the TB needs: gap (2^(8 tbBytes / (B_s T)) - 1)
    uint32_t cancelledSignals{0}; ///< Earlier signals decoded and cancelled before this TB
    uint32_t failedCancellations{0}; ///< Earlier signals whose decode failed (not cancelled)
    uint32_t tbBytes{0};             ///< TB size, bytes
    bool success{false};             ///< sinrAfterSic >= requiredSinr
};

/**
 * @ingroup edge-inference-noma
 * @brief A SpectrumPhy for power-domain NOMA with successive interference cancellation.
 *
 * Implements the uplink and downlink NOMA models of Paper 4 (Yuan et al., "High Efficiency
 * Inference Accelerating Algorithm for NOMA-based Mobile Edge Computing", arXiv 2312.15850,
 * R4.1 of [4], [R]) as a PHY whose packets cross an ns-3
 * SpectrumChannel. The spectrum model has 2N bands: bands 0..N-1 are the N downlink
 * subchannels, bands N..2N-1 the N uplink subchannels (FDD), each of bandwidth B_s.
 *
 * A transmission (NomaSignalParameters) superposes components, each with a power, a SIC
 * position and a TB. At the end of a signal the receiver measures the channel gain of each
 * band as received PSD / transmitted PSD, collects the signals of the same cell, direction
 * and frame on the subchannel (the superposed group: the components of the base station's
 * signal in the downlink, those of every UE in the uplink) and the other overlapping
 * signals (interference I), and runs SIC in the scheduled order: the signal at position k
 * is decoded with SINR
 *   q_k / ( sum_{m>k} q_m + sum_{m<k} (eps if m was decoded else 1) q_m + I + N0 B_s ),
 * where q are received powers and eps the residual-interference factor; a failed decode
 * leaves that signal uncancelled for the later ones. A downlink UE runs the chain up to its
 * own signal; the base station decodes every uplink signal. A TB of b bytes over a frame of
 * T seconds succeeds iff B_s log2(1 + SINR / Gamma) >= 8 b / T (Shannon with SNR gap Gamma).
 */
class NomaSpectrumPhy : public SpectrumPhy
{
  public:
    /**
     * Get the TypeId.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    NomaSpectrumPhy();
    ~NomaSpectrumPhy() override;

    /// Callback for each received TB addressed to this PHY (success or not).
    typedef Callback<void, const NomaComponent&, const NomaTbReport&> RxTbCallback;

    /**
     * Signature of the TB trace sources.
     * @param [in] report what the receiver measured
     */
    typedef void (*TbTracedCallback)(const NomaTbReport& report);

    /**
     * Signature of the RxOk trace source.
     * @param [in] ue UE index of the TB
     * @param [in] bytes bytes of the TB's segments
     */
    typedef void (*RxBytesTracedCallback)(uint32_t ue, uint32_t bytes);

    void SetDevice(Ptr<NetDevice> d) override;
    Ptr<NetDevice> GetDevice() const override;
    void SetMobility(Ptr<MobilityModel> m) override;
    Ptr<MobilityModel> GetMobility() const override;
    void SetChannel(Ptr<SpectrumChannel> c) override;
    Ptr<const SpectrumModel> GetRxSpectrumModel() const override;
    /// @return the channel
    Ptr<SpectrumChannel> GetSpectrumChannel() const;
    Ptr<Object> GetAntenna() const override;
    void StartRx(Ptr<SpectrumSignalParameters> params) override;

    /**
     * Set the band plan.
     * @param [in] model a spectrum model with 2 numSubchannels bands (DL then UL)
     * @param [in] numSubchannels N, >= 1
     * @param [in] bandwidthHz subchannel bandwidth B_s in Hz, > 0
     */
    void SetSubchannels(Ptr<const SpectrumModel> model,
                        uint32_t numSubchannels,
                        double bandwidthHz);

    /**
     * Build the band plan used by NomaHelper: N DL bands from dlLowHz, N UL bands from ulLowHz.
     * @param [in] numSubchannels N, >= 1
     * @param [in] bandwidthHz B_s in Hz, > 0
     * @param [in] dlLowHz lower edge of the DL band in Hz
     * @param [in] ulLowHz lower edge of the UL band in Hz
     * @return the spectrum model (2N bands)
     */
    static Ptr<const SpectrumModel> MakeBandPlan(uint32_t numSubchannels,
                                                 double bandwidthHz,
                                                 double dlLowHz,
                                                 double ulLowHz);

    /// @return the number of subchannels N
    uint32_t GetNumSubchannels() const;
    /// @return the subchannel bandwidth B_s in Hz
    double GetSubchannelBandwidthHz() const;

    /**
     * Set the role and identity.
     * @param [in] isBaseStation true for a base station (receives UL), false for a UE
     * @param [in] cellId cell (base station) id
     * @param [in] ue UE index (ignored for a base station)
     */
    void SetIdentity(bool isBaseStation, uint32_t cellId, uint32_t ue);

    /**
     * Set the callback receiving every TB addressed to this PHY.
     * @param [in] cb the callback
     */
    void SetRxTbCallback(RxTbCallback cb);

    /**
     * Transmit superposed components for one frame.
     * @param [in] frameNo frame number
     * @param [in] duration signal duration T (the frame duration)
     * @param [in] components the components (subchannel, power, SIC position, TB)
     */
    void Transmit(uint64_t frameNo, Time duration, const std::vector<NomaComponent>& components);

    /// @return the noise PSD N0 in W/Hz
    double GetNoisePsd() const;
    /// @return the noise power N0 B_s on one subchannel in W
    double GetNoisePowerW() const;
    /// @return the residual-interference factor eps
    double GetResidualFactor() const;
    /// @return the SNR gap Gamma as a linear ratio
    double GetSnrGapLinear() const;

    /**
     * SINR a TB needs: Gamma (2^(bits / (B T)) - 1).
     * @param [in] tbBytes TB size in bytes
     * @param [in] bandwidthHz B in Hz, > 0
     * @param [in] duration T, > 0
     * @param [in] snrGapLinear Gamma, >= 1
     * @return the required SINR (linear)
     */
    static double RequiredSinr(uint32_t tbBytes,
                               double bandwidthHz,
                               Time duration,
                               double snrGapLinear);

    /**
     * Largest TB (bytes) supportable at an SINR: floor(B T log2(1 + sinr / Gamma) / 8).
     * @param [in] sinr linear SINR, >= 0
     * @param [in] bandwidthHz B in Hz, > 0
     * @param [in] duration T, > 0
     * @param [in] snrGapLinear Gamma, >= 1
     * @return the TB size in bytes
     */
    static uint32_t MaxTbBytes(double sinr, double bandwidthHz, Time duration, double snrGapLinear);

  protected:
    void DoDispose() override;

  private:
    /// A signal seen by this receiver.
    struct RxSignal
    {
        Ptr<SpectrumSignalParameters> params; ///< As received (psd scaled by the channel)
        Ptr<NomaSignalParameters> noma;       ///< Same, if it is a NOMA signal
        Time start;                           ///< Start of reception
        Time end;                             ///< End of reception
        bool isProcessed{false};              ///< EndRx done (foreign signals: always)
        EventId endRx;                        ///< Pending EndRx of a signal addressed here
    };

    /**
     * End of a NOMA signal: decode the TBs addressed to this PHY.
     * @param [in] id the signal's key in m_signals
     */
    void EndRx(uint64_t id);

    /**
     * Run the SIC chain for one component of a received signal.
     * @param [in] sig the signal
     * @param [in] comp the component
     * @return the report
     */
    NomaTbReport Decode(const RxSignal& sig, const NomaComponent& comp) const;

    /**
     * Channel gain of a band measured on a received NOMA signal.
     * @param [in] p the signal
     * @param [in] band band index
     * @return received PSD / transmitted PSD (0 if nothing was transmitted)
     */
    static double BandGain(const NomaSignalParameters& p, uint32_t band);

    /// Remove signals that can no longer overlap a pending one.
    void Purge();

    Ptr<NetDevice> m_device;                              ///< Device
    Ptr<MobilityModel> m_mobility;                        ///< Mobility
    Ptr<SpectrumChannel> m_channel;                       ///< Channel
    Ptr<const SpectrumModel> m_model;                     ///< Band plan
    uint32_t m_numSubchannels{0};                         ///< N
    double m_bandwidthHz{0};                              ///< B_s, Hz
    bool m_isBaseStation{false};                          ///< Role
    uint32_t m_cellId{0};                                 ///< Cell id
    uint32_t m_ue{0};                                     ///< UE index (UE role)
    double m_noisePsd{0};                                 ///< N0, W/Hz
    double m_residualFactor{0};                           ///< eps
    double m_snrGapDb{0};                                 ///< Gamma, dB
    std::map<uint64_t, RxSignal> m_signals;               ///< Signals kept for overlap, by id
    uint64_t m_nextSignalId{0};                           ///< Next key of m_signals
    RxTbCallback m_rxTbCallback;                          ///< TB receiver
    TracedCallback<const NomaTbReport&> m_rxTbTrace;      ///< Every TB decode attempt
    TracedCallback<const NomaTbReport&> m_rxTbErrorTrace; ///< Failed TBs
    TracedCallback<uint32_t, uint32_t> m_rxOkTrace;       ///< Bytes of successful TBs
    TracedCallback<Ptr<const SpectrumSignalParameters>> m_txTrace; ///< Transmissions
};

} // namespace edgeinference
} // namespace ns3

#endif // NOMA_SPECTRUM_PHY_H
