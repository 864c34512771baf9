/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SLIDE_HELPER_H
#define SLIDE_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/dnn-model.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/slide-resource-manager.h"

#include <string>
#include <vector>

namespace ns3
{

class NetDevice;

namespace edgeinference
{

/**
 * @ingroup edge-inference
 * @brief Installs SLIDE (Paper 1, arXiv 2512.20946) in an LTE scenario: the server-side
 * allocator (a SlideResourceManager or subclass, chosen by TypeId, with attributes), the
 * LayerStreamingServer that consults it, and the LayerwiseInferenceClients whose profiles
 * it knows.
 *
 * The eNB must run ns3::BandwidthShareFfrAlgorithm with an FFR-aware scheduler (e.g.
 * ns3::PfFfMacScheduler), so that the bandwidth decision is executed by the MAC.
 * @code
 *   lteHelper->SetSchedulerType("ns3::PfFfMacScheduler");
 *   lteHelper->SetFfrAlgorithmType("ns3::BandwidthShareFfrAlgorithm");
 *   // ... install devices, EPC, IP addresses, attach ...
 *   SlideHelper slide;
 *   slide.SetResourceManagerAttribute("RateModel", StringValue("LteAmc"));
 *   slide.AddModel(DnnModelZoo::Get("mobilenetv2"));
 *   slide.AddTask("classify", {"mobilenetv2"});
 *   slide.InstallResourceManager(enbDevs.Get(0));
 *   slide.InstallServer(remoteHost);
 *   SlideUserProfile p;       // samples, device, energy budget, deadline
 *   slide.InstallClient(ueNodes.Get(0), ueDevs.Get(0), serverIp, "classify", p);
 *   slide.AssignStreams(ueNodes, 100);
 * @endcode
 */
class SlideHelper
{
  public:
    /// Factories for ns3::SlideResourceManager, ns3::LayerStreamingServer and
    /// ns3::LayerwiseInferenceClient.
    SlideHelper();

    /**
     * @brief Choose the allocator type (ns3::SlideResourceManager or a subclass).
     * @param [in] type TypeId name
     */
    void SetResourceManagerType(const std::string& type);

    /**
     * @brief Set an attribute of the allocator created by InstallResourceManager().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetResourceManagerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the servers created by InstallServer().
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the clients created by InstallClient() (the device
     * attributes are set from the profile).
     * @param [in] name attribute name
     * @param [in] value attribute value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * @brief Add a model variant (to the allocator's library and the server's catalogue).
     * @param [in] model the model
     */
    void AddModel(const DnnModel& model);

    /**
     * @brief Define a task by the variants that meet it.
     * @param [in] task task name
     * @param [in] variants names of models added with AddModel()
     */
    void AddTask(const std::string& task, const std::vector<std::string>& variants);

    /**
     * @brief Create the allocator for the cell of an eNB (its BandwidthShareFfrAlgorithm and
     * DL bandwidth) with the models and tasks added so far. Aborts if the eNB does not run
     * BandwidthShareFfrAlgorithm.
     * @param [in] enbDevice an ns3::LteEnbNetDevice
     * @return the allocator
     */
    Ptr<SlideResourceManager> InstallResourceManager(Ptr<NetDevice> enbDevice);

    /// @return the allocator (null before InstallResourceManager())
    Ptr<SlideResourceManager> GetResourceManager() const;

    /**
     * @brief Install a LayerStreamingServer with the catalogue and the allocator on a node.
     * Aborts if no allocator was installed.
     * @param [in] node the node
     * @return the application
     */
    ApplicationContainer InstallServer(Ptr<Node> node);

    /**
     * @brief Install a client on a UE and register its profile with the allocator: IMSI and
     * IPv4 address (interface 1) are taken from the device and node (so install after IP
     * assignment); the client's Samples, FlopsPerCycle, MinFrequencyHz, MaxFrequencyHz,
     * FrequencyHz (= fMax until granted) and EnergyCoefficient are set from the profile; the
     * UE PHY's ReportCurrentCellRsrpSinr trace is connected to the allocator.
     * @param [in] node the UE node
     * @param [in] ueDevice its ns3::LteUeNetDevice
     * @param [in] serverAddress IPv4 address of the server
     * @param [in] task the task the client requests
     * @param [in] profile samples, device, energy budget, deadline (imsi/address ignored)
     * @return the application
     */
    ApplicationContainer InstallClient(Ptr<Node> node,
                                       Ptr<NetDevice> ueDevice,
                                       const Address& serverAddress,
                                       const std::string& task,
                                       const SlideUserProfile& profile);

    /**
     * @brief Assign fixed random variable streams to the allocator and to the module's
     * clients on the nodes.
     * @param [in] nodes the UE nodes
     * @param [in] stream first stream index
     * @return the number of stream indices used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    ObjectFactory m_managerFactory;                                        ///< Allocator factory
    ObjectFactory m_serverFactory;                                         ///< Server factory
    ObjectFactory m_clientFactory;                                         ///< Client factory
    std::vector<DnnModel> m_models;                                        ///< Variants
    std::vector<std::pair<std::string, std::vector<std::string>>> m_tasks; ///< Tasks
    Ptr<SlideResourceManager> m_manager;                                   ///< The allocator
};

} // namespace edgeinference
} // namespace ns3

#endif /* SLIDE_HELPER_H */
