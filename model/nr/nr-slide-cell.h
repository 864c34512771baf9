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

  private:
    Ptr<NrSymbolShareScheduler> m_scheduler; ///< the scheduler
    EnbUeView m_view;                        ///< the gNB's UEs
    NrDlResources m_resources;               ///< DL resources
    Ptr<const NrAmc> m_amc;                  ///< AMC
};

} // namespace edgeinference
} // namespace ns3

#endif /* NR_SLIDE_CELL_H */
