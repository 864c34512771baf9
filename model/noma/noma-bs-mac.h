/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NOMA_BS_MAC_H
#define NOMA_BS_MAC_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <optional>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-noma
 * @brief Frame scheduler of the NOMA base station: pairing, power split, SIC order, TB sizes.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-noma
 * @brief One user on one subchannel in an external frame decision.
 */
struct NomaUserAllocation
{
    uint32_t ue{0};      ///< UE index
    double powerW{0};    ///< DL: base-station power for this UE; UL: the UE's transmit power, W
    uint32_t tbBytes{0}; ///< Fixed TB size in bytes; 0 = the largest TB supportable at the
                         ///< scheduled SINR (closed form of radio-rate.h)
};

/**
 * @ingroup edge-inference-noma
 * @brief The users of one subchannel, listed in SIC order (first = decoded first).
 */
struct NomaSubchannelAllocation
{
    std::vector<NomaUserAllocation> users; ///< Co-scheduled users in SIC order
};

/**
 * @ingroup edge-inference-noma
 * @brief Power and subchannel decisions set from outside (e.g. by an allocator).
 *
 * Each vector is empty (the scheduler decides that direction itself) or has one entry per
 * subchannel. Users without queued data are left out of the frame.
 */
struct NomaFrameDecision
{
    std::vector<NomaSubchannelAllocation> downlink; ///< Per DL subchannel
    std::vector<NomaSubchannelAllocation> uplink;   ///< Per UL subchannel
};

/**
 * @ingroup edge-inference-noma
 * @brief One scheduled transport block of a frame.
 */
struct NomaGrant
{
    uint32_t ue{0};          ///< UE index
    uint32_t subchannel{0};  ///< Subchannel
    double powerW{0};        ///< Transmit power of the component, W
    uint32_t sicPosition{0}; ///< Position in the subchannel's SIC order
    uint32_t tbBytes{0};     ///< TB size, bytes
    double scheduledSinr{0}; ///< Post-SIC SINR predicted by the closed form (radio-rate.h)
    double gain{0};          ///< Channel gain used by the scheduler
};

/**
 * @ingroup edge-inference-noma
 * @brief The schedule of one frame.
 */
struct NomaFrameSchedule
{
    uint64_t frameNo{0};             ///< Frame number
    std::vector<NomaGrant> downlink; ///< DL TBs
    std::vector<NomaGrant> uplink;   ///< UL TBs (grants)
};

/**
 * @ingroup edge-inference-noma
 * @brief Link parameters the scheduler needs for one frame.
 */
struct NomaLinkParameters
{
    uint32_t numSubchannels{1}; ///< N
    double bandwidthHz{1e6};    ///< B_s, Hz
    Time frameDuration;         ///< T
    double noisePowerW{1e-13};  ///< N0 B_s, W
    double residualFactor{0};   ///< eps of imperfect SIC
    double snrGapLinear{1};     ///< Gamma
};

/**
 * @ingroup edge-inference-noma
 * @brief Scheduler of the NOMA base station.
 *
 * Every frame, for each direction, it groups the users that have data onto subchannels,
 * sets the powers and the SIC order and sizes each TB from the user's post-SIC SINR given by
 * the closed forms of radio-rate.h (UplinkNomaSinr(), DownlinkNomaSinr(), Paper 4 section
 * 4.1 [R]): tbBytes = floor(B_s T log2(1 + SINR / Gamma) / 8), or the bytes that empty the
 * user's queue if fewer (LimitTbToQueue; ideal buffer status).
 *
 * Automatic grouping (no external decision): the users with data are sorted by descending
 * gain and split into G0 = max(min(N, n), ceil(n / Q)) groups (Q = MaxUsersPerSubchannel, 1
 * in OMA mode); group g takes the users of rank g, g + G0, g + 2 G0, ... (near/far pairing:
 * the k-th strongest with the k-th strongest of the weaker part). A user joins a group only
 * if its gain is at least MinGainGapDb below the previous member's; otherwise it forms a
 * group of its own. Each frame serves N of the groups, one per subchannel, round robin over
 * the frames (all of them when there are at most N).
 * Powers: uplink, each UE sends UeTxPower; downlink, BsTxPower / N per subchannel, split in
 * the group with weights 1, beta, beta^2, ... from the weakest user (beta = (1 - a) / a,
 * a = DlWeakPowerFraction). SIC order: DefaultUplinkSicOrder() / DefaultDownlinkSicOrder(),
 * or their reverse (SicOrder = Reverse, to study a wrong order).
 */
class NomaBsMac : public Object
{
  public:
    /// Multiple access mode.
    enum Mode
    {
        NOMA, ///< Up to MaxUsersPerSubchannel superposed users per subchannel
        OMA   ///< One user per subchannel (baseline, same code)
    };

    /// SIC order policy.
    enum SicOrderPolicy
    {
        DEFAULT_ORDER, ///< Paper 4: UL descending received power, DL ascending gain
        REVERSE_ORDER  ///< The reverse of the default (a wrong order)
    };

    /**
     * Get the TypeId.
     * @return the TypeId
     */
    static TypeId GetTypeId();

    NomaBsMac();
    ~NomaBsMac() override;

    /**
     * Signature of the Schedule trace source.
     * @param [in] schedule the frame schedule
     */
    typedef void (*ScheduleTracedCallback)(const NomaFrameSchedule& schedule);

    /**
     * Use an external decision from the next frame on (until cleared or replaced). Aborts,
     * naming the subchannel and the UE, if a subchannel has more users than the mode allows
     * (1 in OMA mode, else MaxUsersPerSubchannel), lists a UE twice, or gives a power that
     * is negative or not finite. A UE may use several subchannels (its uplink powers must
     * then sum to at most UeTxPower, checked when the frame is scheduled).
     * @param [in] decision per-subchannel users in SIC order with their powers
     */
    void SetFrameDecision(const NomaFrameDecision& decision);

    /// Return to automatic scheduling.
    void ClearFrameDecision();

    /**
     * Build the schedule of one frame.
     * @param [in] frameNo frame number
     * @param [in] dlDemand per UE: bytes (segment headers included) that empty the base
     *             station's queue for it; 0 = no data
     * @param [in] ulDemand per UE: the same for the UE's queue
     * @param [in] dlGain per UE and subchannel: downlink channel gain
     * @param [in] ulGain per UE and subchannel: uplink channel gain
     * @param [in] link link parameters
     * @return the schedule (also fired on the Schedule trace)
     */
    NomaFrameSchedule Schedule(uint64_t frameNo,
                               const std::vector<uint64_t>& dlDemand,
                               const std::vector<uint64_t>& ulDemand,
                               const std::vector<std::vector<double>>& dlGain,
                               const std::vector<std::vector<double>>& ulGain,
                               const NomaLinkParameters& link);

    /// @return the mode
    Mode GetMode() const;

  private:
    /**
     * Grants of one direction.
     * @param [in] frameNo frame number
     * @param [in] isDownlink direction
     * @param [in] demand per UE: queued bytes (0 = no data)
     * @param [in] gain per UE and subchannel
     * @param [in] link link parameters
     * @return the grants
     */
    std::vector<NomaGrant> ScheduleDirection(uint64_t frameNo,
                                             bool isDownlink,
                                             const std::vector<uint64_t>& demand,
                                             const std::vector<std::vector<double>>& gain,
                                             const NomaLinkParameters& link) const;

    /**
     * Size the TBs of one subchannel group with the closed forms.
     * @param [in] isDownlink direction
     * @param [in] subchannel subchannel index
     * @param [in] users users in SIC order (power, fixed TB size)
     * @param [in] gain per UE and subchannel
     * @param [in] demand per UE: queued bytes
     * @param [in] link link parameters
     * @return one grant per user, in SIC order
     */
    std::vector<NomaGrant> SizeGroup(bool isDownlink,
                                     uint32_t subchannel,
                                     const std::vector<NomaUserAllocation>& users,
                                     const std::vector<std::vector<double>>& gain,
                                     const std::vector<uint64_t>& demand,
                                     const NomaLinkParameters& link) const;

    Mode m_mode{NOMA};                           ///< Multiple access mode
    uint32_t m_maxUsersPerSubchannel{2};         ///< Q
    double m_minGainGapDb{0};                    ///< Pairing: minimum gain gap, dB
    double m_dlWeakPowerFraction{0.8};           ///< a
    double m_bsTxPowerW{10};                     ///< P^AP, W
    double m_ueTxPowerW{0.2};                    ///< p^max, W
    SicOrderPolicy m_sicOrder{DEFAULT_ORDER};    ///< SIC order policy
    bool m_limitTbToQueue{true};                 ///< TB no larger than the queued bytes
    std::optional<NomaFrameDecision> m_decision; ///< External decision
    TracedCallback<const NomaFrameSchedule&> m_scheduleTrace; ///< Every frame's schedule
};

} // namespace edgeinference
} // namespace ns3

#endif // NOMA_BS_MAC_H
