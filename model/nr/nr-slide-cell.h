/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NR_SLIDE_CELL_H
#define NR_SLIDE_CELL_H

#include "ns3/nr-amc-rate-model.h"
#include "ns3/nr-symbol-share-scheduler.h"
#include "ns3/slide-resource-manager.h"

/**
 * @file
 * @ingroup edge-inference-nr
 * @brief The NR cell of a SlideResourceManager: NrSymbolShareScheduler + NrDlSymbolRateModel.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-nr
 * @brief SLIDE over NR: the manager's decisions go to an NrSymbolShareScheduler (share =
 * B / bandwidth-part bandwidth, executed as DL symbols per slot), its rate model is
 * NrDlSymbolRateModel (symbol shares, as the scheduler executes them) from the CQIs the scheduler
 * received, and the RNTIs come from the gNB RRC.
 *
 * Two overheads of a TCP stream over 5G-LENA's TDD enter the rate model, both modelled, not
 * fitted to the outcome: (1) the headers, PayloadFraction(TcpSocket::SegmentSize) as the
 * model's efficiency; (2) the uplink in the F slots: 5G-LENA schedules an F slot's UL data
 * before its DL data, and a TDMA scheduler gives a UE whole symbols over the whole band, so
 * a stream whose TCP ACK waits takes one symbol of the F slot. The F slot's DL data symbols
 * are 12 - u - SRS (NrDlResources::flexUlSymbols), SRS = min(1, UEs / 80) symbols
 * (NrMacSchedulerSrsDefault) and u = sum over the streams of 1 - exp(-lambda_k T): the
 * chance that an ACK of stream k arrived within one TDD pattern T, ACKs arriving as a
 * Poisson stream at the delayed-ACK rate lambda_k = r_k / (8 x segment x DelAckCount) for a
 * stream of goodput r_k (an unknown rate: 1). The window T is a reconstruction checked
 * against the DL symbols of the F slots measured in slide-lte --radio=nr: 4 streams
 * (17.9, 7.3, 14.5, 9.1 Mbit/s) took 3.6 symbols (model 3.6), 11 streams of 2-8 Mbit/s took
 * 5.7 (model 6.6, pessimistic by 2 % of the DL symbols).
 */
class NrSlideCell : public SlideCell
{
  public:
    /**
     * @param [in] scheduler the gNB's scheduler (with its RRC, see GetFromGnbDevice())
     * @param [in] rrc the gNB RRC (IMSI -> RNTI)
     * @param [in] resources DL resources of the bandwidth part
     * @param [in] amc the AMC whose MCS table the gNB uses
     */
    NrSlideCell(Ptr<NrSymbolShareScheduler> scheduler,
                Ptr<LteEnbRrc> rrc,
                const NrDlResources& resources,
                Ptr<const NrAmc> amc);

    uint16_t GetRntiOfImsi(uint64_t imsi) override;
    bool GetDlWidebandCqi(uint16_t rnti, uint8_t& cqi, Time& when) const override;
    void SetDlShareByImsi(uint64_t imsi, double share) override;
    void ClearShares() override;
    uint32_t GetDlUnits() const override;
    double HzToDlShare(double hz) const override;
    double GetBandwidthHz() const override;
    std::shared_ptr<const RateModel> MakeAmcRateModel(const std::vector<int>& cqi) const override;
    bool SetConcurrentStreams(const std::vector<double>& rateBps) override;

    /**
     * @brief The share of a TCP segment's bytes on the air that is payload, with the headers
     * of the module's streams over 5G-LENA: IPv4 20, TCP 32 (20 + timestamp option), PDCP 2,
     * RLC UM 2 (10-bit SN), MAC subheader 3 (NrMacHeaderVs, L > 255).
     * @param [in] segmentBytes TCP payload per segment (TcpSocket::SegmentSize)
     * @return segmentBytes / (segmentBytes + 59)
     */
    static double PayloadFraction(uint32_t segmentBytes);

  private:
    Ptr<NrSymbolShareScheduler> m_scheduler; ///< the scheduler
    EnbUeView m_view;                        ///< the gNB's UEs
    NrDlResources m_resources;               ///< DL resources
    Ptr<const NrAmc> m_amc;                  ///< AMC
    double m_flexUlSymbols{0};               ///< F-slot symbols the streams' ACKs take
};

} // namespace edgeinference
} // namespace ns3

#endif /* NR_SLIDE_CELL_H */
