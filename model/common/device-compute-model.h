/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DEVICE_COMPUTE_MODEL_H
#define DEVICE_COMPUTE_MODEL_H

namespace ns3
{
namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief Compute time and energy of a device processor (UE GPU or CPU) with DVFS.
 *
 * The device executes n FLOPs per clock cycle at a frequency f (cycles/s) chosen in
 * [fMin, fMax]. With the energy coefficient kappa (G in SLIDE and in Wei & Chen), the dynamic
 * power is kappa * f^3 and the energy per cycle kappa * f^2. For a workload of C FLOPs:
 * - compute time tau = C / (n f);
 * - energy E = kappa f^2 C / n (= power * tau);
 * - largest frequency within an energy budget E_max: f^E = sqrt(E_max n / (kappa C)).
 *
 * These are the conventions of X. Chen's group (verified in Wei & Chen; reconstructed for
 * SLIDE, section 1.1-1.2 of the module's specification). The default device is a Jetson Orin
 * Nano class GPU: f in [50, 625] MHz and kappa = 1e-26 W/(cycle/s)^3 (testbed values of
 * Wei & Chen), n = 2048 FLOP/cycle (1024 CUDA cores x fused multiply-add; a default chosen by
 * the specification, section 1.6). The default frequency is fMax.
 *
 * Pure C++: no simulator state. Invalid arguments throw std::invalid_argument naming the
 * field and the value.
 */
class DeviceComputeModel
{
  public:
    /// Default FLOPs per cycle, FLOP/cycle (1024 CUDA cores x FMA; R1.6 of [1] default)
    static constexpr double DEFAULT_FLOPS_PER_CYCLE = 2048.0;
    /// Default minimum frequency, Hz (Jetson Orin Nano class, Wei & Chen testbed)
    static constexpr double DEFAULT_MIN_FREQUENCY_HZ = 50e6;
    /// Default maximum frequency, Hz (Jetson Orin Nano class, Wei & Chen testbed)
    static constexpr double DEFAULT_MAX_FREQUENCY_HZ = 625e6;
    /// Default energy coefficient kappa = G, W/(cycle/s)^3 (Wei & Chen testbed)
    static constexpr double DEFAULT_ENERGY_COEFFICIENT = 1e-26;

    /// Construct the default device (Jetson Orin Nano class) running at fMax = 625 MHz.
    DeviceComputeModel();

    /**
     * @brief Construct a device.
     * @param [in] flopsPerCycle n, FLOP/cycle (> 0)
     * @param [in] frequencyHz f, Hz, within [minFrequencyHz, maxFrequencyHz]
     * @param [in] energyCoefficient kappa, W/(cycle/s)^3 (>= 0)
     * @param [in] minFrequencyHz fMin, Hz (> 0)
     * @param [in] maxFrequencyHz fMax, Hz (>= fMin)
     */
    DeviceComputeModel(double flopsPerCycle,
                       double frequencyHz,
                       double energyCoefficient = DEFAULT_ENERGY_COEFFICIENT,
                       double minFrequencyHz = DEFAULT_MIN_FREQUENCY_HZ,
                       double maxFrequencyHz = DEFAULT_MAX_FREQUENCY_HZ);

    /**
     * @brief Compute time of a workload at the current frequency.
     * @param [in] flops workload C, FLOP (>= 0)
     * @return C / (n f), s
     */
    double ComputeTime(double flops) const;

    /**
     * @brief Energy of a workload at the current frequency.
     * @param [in] flops workload C, FLOP (>= 0)
     * @return kappa f^2 C / n, J
     */
    double Energy(double flops) const;

    /// @return the dynamic power kappa f^3 at the current frequency, W
    double GetPower() const;

    /// @return the compute speed n f, FLOP/s
    double GetFlopsPerSecond() const;

    /**
     * @brief Largest frequency whose energy for a workload stays within a budget.
     *
     * Not clamped to [fMin, fMax]; +infinity if the workload or kappa is 0.
     * @param [in] flops workload C, FLOP (>= 0)
     * @param [in] budgetJ energy budget E_max, J (>= 0)
     * @return f^E = sqrt(E_max n / (kappa C)), Hz
     */
    double MaxFrequencyForEnergy(double flops, double budgetJ) const;

    /**
     * @brief Latency-optimal frequency under an energy budget (SLIDE step 1, R1.4 of [1]).
     *
     * Latency falls and energy rises with f, so the optimum is min(fMax, f^E). A result
     * below GetMinFrequency() means that no allowed frequency meets the budget.
     * @param [in] flops workload C, FLOP (>= 0)
     * @param [in] budgetJ energy budget E_max, J (>= 0)
     * @return min(fMax, f^E), Hz
     */
    double OptimalFrequency(double flops, double budgetJ) const;

    /// @return n, FLOP/cycle
    double GetFlopsPerCycle() const;

    /**
     * @brief Set the FLOPs per cycle.
     * @param [in] flopsPerCycle n, FLOP/cycle (> 0, finite)
     */
    void SetFlopsPerCycle(double flopsPerCycle);

    /// @return f, Hz
    double GetFrequency() const;

    /**
     * @brief Set the operating frequency.
     * @param [in] frequencyHz f, Hz, within [fMin, fMax]
     */
    void SetFrequency(double frequencyHz);

    /// @return fMin, Hz
    double GetMinFrequency() const;

    /// @return fMax, Hz
    double GetMaxFrequency() const;

    /**
     * @brief Set the DVFS range. The current frequency is clamped into the new range.
     * @param [in] minFrequencyHz fMin, Hz (> 0, finite)
     * @param [in] maxFrequencyHz fMax, Hz (>= fMin, finite)
     */
    void SetFrequencyRange(double minFrequencyHz, double maxFrequencyHz);

    /// @return kappa, W/(cycle/s)^3
    double GetEnergyCoefficient() const;

    /**
     * @brief Set the energy coefficient.
     * @param [in] energyCoefficient kappa, W/(cycle/s)^3 (>= 0, finite)
     */
    void SetEnergyCoefficient(double energyCoefficient);

  private:
    double m_flopsPerCycle;     ///< n, FLOP/cycle
    double m_frequencyHz;       ///< f, Hz
    double m_energyCoefficient; ///< kappa, W/(cycle/s)^3
    double m_minFrequencyHz;    ///< fMin, Hz
    double m_maxFrequencyHz;    ///< fMax, Hz
};

} // namespace edgeinference
} // namespace ns3

#endif /* DEVICE_COMPUTE_MODEL_H */
