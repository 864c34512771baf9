/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SYMBOL_SHARE_RATE_MODEL_H
#define SYMBOL_SHARE_RATE_MODEL_H

#include "rate-model.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * @file
 * @ingroup edge-inference-common
 * @brief Rate of a user given a share of the data symbols of every slot (time-division,
 * each symbol over the whole band), with whole symbols per slot by a credit rule; pure C++,
 * the radio enters as per-user tables of bytes per slot.
 */

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief One kind of slot of a periodic frame pattern.
 */
struct SymbolSlotClass
{
    double perPattern{0};  ///< slots of this kind per pattern
    double dataSymbols{0}; ///< mean data symbols of such a slot a user's share applies to
};

/**
 * @ingroup edge-inference-common
 * @brief Rate of each user when a share s = B / W of the data symbols of every slot is its
 * own (W: the bandwidth a share of 1 stands for).
 *
 * Per slot class c (n_c slots per pattern of T seconds, a_c data symbols), the user's share
 * is x = s a_c symbols; a credit rule hands out floor(x) or ceil(x) whole symbols, ceil(x) in
 * a fraction f = x - floor(x) of the slots, so a slot carries on average
 * (1 - f) b_k(floor(x)) + f b_k(ceil(x)) bytes, b_k(j) the bytes user k sends in one slot
 * with j symbols (its transport block size on j symbols over the whole band). Then
 * Rate(k, B) = 8 e sum_c n_c bytes_c / T, e an efficiency factor in (0, 1].
 *
 * Rate is continuous and non-decreasing in B; MinBandwidthForRate() inverts it by bisection
 * (the returned bandwidth's rate is >= the target). This is the rate NrSymbolShareScheduler
 * executes (NrUlAmcRateModel, NrDlSymbolRateModel build the tables from 5G-LENA's AMC); the
 * tables make the model independent of the radio, so instance files carry it to any solver.
 */
class SymbolShareRateModel : public RateModel
{
  public:
    /**
     * @param [in] bytesBySymbols per user, b_k(j) for j = 0 .. J (bytes in one slot with j
     * symbols; b_k(0) = 0, non-decreasing; J >= ceil of every class's data symbols); an
     * all-zero table is a user without rate
     * @param [in] slots the slot classes of the pattern
     * @param [in] patternSeconds duration T of the pattern, s
     * @param [in] bandwidthHz W, the bandwidth of a share of 1, Hz
     * @param [in] efficiency factor e in (0, 1] on the rate
     * @throw std::invalid_argument naming the field and the value if a table is too short,
     * negative, decreasing or has b(0) != 0, a class is negative or T, W or e out of range
     */
    SymbolShareRateModel(std::vector<std::vector<double>> bytesBySymbols,
                         std::vector<SymbolSlotClass> slots,
                         double patternSeconds,
                         double bandwidthHz,
                         double efficiency = 1.0);

    /**
     * @param [in] user a user
     * @param [in] share fraction of the data symbols, clamped to [0, 1]
     * @return bytes per second, before the efficiency factor
     */
    double BytesPerSecond(uint32_t user, double share) const;

    /// @return b_k(j) of every user
    const std::vector<std::vector<double>>& GetBytesBySymbols() const;
    /// @return the slot classes
    const std::vector<SymbolSlotClass>& GetSlots() const;
    /// @return the pattern duration T, s
    double GetPatternSeconds() const;
    /// @return W, Hz
    double GetBandwidthHz() const;
    /// @return the efficiency factor e
    double GetEfficiency() const;

    uint32_t GetNUsers() const override;
    double Rate(uint32_t user, double bandwidthHz) const override;
    double MinBandwidthForRate(uint32_t user, double rateBps) const override;
    bool HasRate(uint32_t user) const override;
    std::string DescribeNoRate(uint32_t user) const override;

  private:
    /**
     * @param [in] user a user
     * @param [in] x mean symbols per slot
     * @return mean bytes per slot under the credit rule
     */
    double SlotBytes(uint32_t user, double x) const;

    std::vector<std::vector<double>> m_bytes; ///< b_k(j)
    std::vector<SymbolSlotClass> m_slots;     ///< slot classes
    double m_patternSeconds;                  ///< T, s
    double m_bandwidthHz;                     ///< W, Hz
    double m_efficiency;                      ///< e
};

} // namespace edgeinference
} // namespace ns3

#endif /* SYMBOL_SHARE_RATE_MODEL_H */
