/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "noma-spectrum-signal-parameters.h"

namespace ns3
{
namespace edgeinference
{

NomaSignalParameters::NomaSignalParameters(const NomaSignalParameters& p)
    : SpectrumSignalParameters(p)
    , isDownlink(p.isDownlink)
    , txId(p.txId)
    , cellId(p.cellId)
    , frameNo(p.frameNo)
    , txPsd(p.txPsd)
    , components(p.components)
{
}

Ptr<SpectrumSignalParameters>
NomaSignalParameters::Copy() const
{
    return Create<NomaSignalParameters>(*this);
}

} // namespace edgeinference
} // namespace ns3
