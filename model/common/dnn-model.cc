/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dnn-model.h"

#include "ns3/csv-reader.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{
namespace edgeinference
{

ModelFormatError::ModelFormatError(const std::string& what)
    : std::runtime_error(what)
{
}

double
EarlyExitBranch::ExitProbability(double threshold) const
{
    if (exitProfile.empty())
    {
        return threshold <= 0.0 ? 1.0 : 0.0;
    }
    if (threshold <= exitProfile.front().first)
    {
        return exitProfile.front().second;
    }
    if (threshold >= exitProfile.back().first)
    {
        return exitProfile.back().second;
    }
    auto hi =
        std::upper_bound(exitProfile.begin(),
                         exitProfile.end(),
                         threshold,
                         [](double t, const std::pair<double, double>& p) { return t < p.first; });
    auto lo = hi - 1;
    const double span = hi->first - lo->first;
    if (span <= 0.0)
    {
        return hi->second;
    }
    const double w = (threshold - lo->first) / span;
    return lo->second + w * (hi->second - lo->second);
}

DnnModel::DnnModel()
    : DnnModel("", 4.0)
{
}

DnnModel::DnnModel(std::string name, double bytesPerParameter)
    : m_name(std::move(name))
    , m_bytesPerParameter(4.0)
    , m_inputBytes(0)
{
    SetBytesPerParameter(bytesPerParameter);
}

const std::string&
DnnModel::GetName() const
{
    return m_name;
}

void
DnnModel::SetName(const std::string& name)
{
    m_name = name;
}

double
DnnModel::GetBytesPerParameter() const
{
    return m_bytesPerParameter;
}

void
DnnModel::SetBytesPerParameter(double bytesPerParameter)
{
    if (!(bytesPerParameter > 0.0) || !std::isfinite(bytesPerParameter))
    {
        std::ostringstream oss;
        oss << "DnnModel '" << m_name << "': bytesPerParameter is " << bytesPerParameter
            << " (must be > 0)";
        throw ModelFormatError(oss.str());
    }
    m_bytesPerParameter = bytesPerParameter;
    for (auto& block : m_blocks)
    {
        block.bytes = 0;
        for (uint32_t i = block.firstLayer; i <= block.lastLayer; ++i)
        {
            block.bytes += GetLayerBytes(i);
        }
    }
}

uint64_t
DnnModel::GetInputBytes() const
{
    return m_inputBytes;
}

void
DnnModel::SetInputBytes(uint64_t bytes)
{
    m_inputBytes = bytes;
}

void
DnnModel::AddLayer(const DnnLayer& layerIn)
{
    DnnLayer layer = layerIn;
    if (layer.name.empty())
    {
        std::ostringstream oss;
        oss << "DnnModel '" << m_name << "': layer " << m_layers.size() << " has an empty name";
        throw ModelFormatError(oss.str());
    }
    if (!(layer.flops >= 0.0) || !std::isfinite(layer.flops))
    {
        std::ostringstream oss;
        oss << "DnnModel '" << m_name << "': layer '" << layer.name << "' has flops " << layer.flops
            << " (must be finite and >= 0)";
        throw ModelFormatError(oss.str());
    }
    if (layer.blockId.empty())
    {
        layer.blockId = m_name + "/" + layer.name;
    }
    const auto index = static_cast<uint32_t>(m_layers.size());
    if (!m_blocks.empty() && m_blocks.back().id == layer.blockId)
    {
        m_blocks.back().lastLayer = index;
    }
    else
    {
        if (HasBlock(layer.blockId))
        {
            std::ostringstream oss;
            oss << "DnnModel '" << m_name << "': layer '" << layer.name << "' uses block '"
                << layer.blockId << "', which an earlier, non-adjacent layer already uses "
                << "(the layers of a block must be contiguous)";
            throw ModelFormatError(oss.str());
        }
        ParameterBlock block;
        block.id = layer.blockId;
        block.firstLayer = index;
        block.lastLayer = index;
        m_blocks.push_back(block);
    }
    m_layers.push_back(layer);
    m_blocks.back().bytes += GetLayerBytes(index);
}

void
DnnModel::AddExit(const EarlyExitBranch& branch)
{
    std::ostringstream where;
    where << "DnnModel '" << m_name << "': exit after layer " << branch.afterLayer;
    if (branch.afterLayer >= m_layers.size())
    {
        throw ModelFormatError(where.str() + ": position is not a layer of the model (it has " +
                               std::to_string(m_layers.size()) + " layers)");
    }
    if (!(branch.accuracy >= 0.0 && branch.accuracy <= 1.0))
    {
        std::ostringstream oss;
        oss << where.str() << ": accuracy is " << branch.accuracy << " (must be in [0, 1])";
        throw ModelFormatError(oss.str());
    }
    if (!(branch.flops >= 0.0) || !std::isfinite(branch.flops))
    {
        std::ostringstream oss;
        oss << where.str() << ": flops is " << branch.flops << " (must be finite and >= 0)";
        throw ModelFormatError(oss.str());
    }
    for (size_t i = 0; i < branch.exitProfile.size(); ++i)
    {
        const auto& p = branch.exitProfile[i];
        if (!(p.second >= 0.0 && p.second <= 1.0))
        {
            std::ostringstream oss;
            oss << where.str() << ": exit probability " << p.second << " at threshold " << p.first
                << " is not in [0, 1]";
            throw ModelFormatError(oss.str());
        }
        if (i > 0 && !(p.first > branch.exitProfile[i - 1].first))
        {
            std::ostringstream oss;
            oss << where.str() << ": profile thresholds must increase, got " << p.first << " after "
                << branch.exitProfile[i - 1].first;
            throw ModelFormatError(oss.str());
        }
        if (i > 0 && p.second > branch.exitProfile[i - 1].second)
        {
            std::ostringstream oss;
            oss << where.str() << ": exit probability must not increase with the threshold, got "
                << p.second << " at " << p.first << " after " << branch.exitProfile[i - 1].second;
            throw ModelFormatError(oss.str());
        }
    }
    m_exits.push_back(branch);
    std::stable_sort(m_exits.begin(),
                     m_exits.end(),
                     [](const EarlyExitBranch& a, const EarlyExitBranch& b)
                     { return a.afterLayer < b.afterLayer; });
}

uint32_t
DnnModel::GetNLayers() const
{
    return static_cast<uint32_t>(m_layers.size());
}

const DnnLayer&
DnnModel::GetLayer(uint32_t i) const
{
    if (i >= m_layers.size())
    {
        throw std::out_of_range("DnnModel '" + m_name + "': layer index " + std::to_string(i) +
                                " out of range (" + std::to_string(m_layers.size()) + " layers)");
    }
    return m_layers[i];
}

const std::vector<DnnLayer>&
DnnModel::GetLayers() const
{
    return m_layers;
}

uint64_t
DnnModel::GetLayerBytes(uint32_t i) const
{
    return static_cast<uint64_t>(
        std::llround(static_cast<double>(GetLayer(i).parameters) * m_bytesPerParameter));
}

const std::vector<ParameterBlock>&
DnnModel::GetBlocks() const
{
    return m_blocks;
}

bool
DnnModel::HasBlock(const std::string& id) const
{
    return std::any_of(
        m_blocks.begin(), m_blocks.end(), [&id](const ParameterBlock& b) { return b.id == id; });
}

const std::vector<EarlyExitBranch>&
DnnModel::GetExits() const
{
    return m_exits;
}

uint64_t
DnnModel::GetTotalParameters() const
{
    uint64_t total = 0;
    for (const auto& l : m_layers)
    {
        total += l.parameters;
    }
    for (const auto& e : m_exits)
    {
        total += e.parameters;
    }
    return total;
}

uint64_t
DnnModel::GetTotalBytes() const
{
    uint64_t total = 0;
    for (const auto& b : m_blocks)
    {
        total += b.bytes;
    }
    return total;
}

double
DnnModel::GetTotalFlops() const
{
    return m_layers.empty() ? 0.0 : GetFlops(0, GetNLayers() - 1);
}

double
DnnModel::GetFlops(uint32_t first, uint32_t last) const
{
    double total = 0;
    for (uint32_t i = first; i <= last && i < m_layers.size(); ++i)
    {
        total += m_layers[i].flops;
    }
    return total;
}

void
DnnModel::Validate() const
{
    if (m_layers.empty())
    {
        throw ModelFormatError("DnnModel '" + m_name + "': the model has no layers");
    }
    if (GetTotalBytes() == 0 && GetTotalFlops() == 0.0)
    {
        throw ModelFormatError("DnnModel '" + m_name +
                               "': the model has neither parameters nor FLOPs");
    }
}

void
DnnModel::WriteCsv(std::ostream& os) const
{
    os << "# edge-inference DNN model\n";
    os << "# model,<name>,<bytesPerParameter>,<inputBytes>\n";
    os << "# layer,<name>,<parameters>,<flops>,<outputBytes>,<blockId>\n";
    os << "# exit,<afterLayer>,<flops>,<parameters>,<accuracy>\n";
    os << "# exitpoint,<exitIndex>,<threshold>,<probability>\n";
    std::ostringstream line;
    line << std::setprecision(17);
    line << "model," << m_name << "," << m_bytesPerParameter << "," << m_inputBytes << "\n";
    for (const auto& l : m_layers)
    {
        line << "layer," << l.name << "," << l.parameters << "," << l.flops << "," << l.outputBytes
             << "," << l.blockId << "\n";
    }
    for (size_t i = 0; i < m_exits.size(); ++i)
    {
        const auto& e = m_exits[i];
        line << "exit," << e.afterLayer << "," << e.flops << "," << e.parameters << ","
             << e.accuracy << "\n";
        for (const auto& p : e.exitProfile)
        {
            line << "exitpoint," << i << "," << p.first << "," << p.second << "\n";
        }
    }
    os << line.str();
}

void
DnnModel::SaveCsv(const std::string& path) const
{
    std::ofstream ofs(path);
    if (!ofs)
    {
        throw ModelFormatError("DnnModel '" + m_name + "': cannot open '" + path + "' for writing");
    }
    WriteCsv(ofs);
    if (!ofs)
    {
        throw ModelFormatError("DnnModel '" + m_name + "': error while writing '" + path + "'");
    }
}

namespace
{

/// Reads typed columns of the current CsvReader row with precise error messages.
class CsvRow
{
  public:
    CsvRow(CsvReader& reader, std::string source)
        : m_reader(reader)
        , m_source(std::move(source))
    {
    }

    [[noreturn]] void Fail(size_t column, const std::string& value, const std::string& what) const
    {
        std::ostringstream oss;
        oss << m_source << ":" << m_reader.RowNumber() << ": column " << (column + 1) << " ('"
            << value << "'): " << what;
        throw ModelFormatError(oss.str());
    }

    std::string Raw(size_t column) const
    {
        std::string s;
        if (column < m_reader.ColumnCount())
        {
            m_reader.GetValue(column, s);
        }
        return s;
    }

    void RequireColumns(size_t n, const std::string& record) const
    {
        if (m_reader.ColumnCount() != n)
        {
            std::ostringstream oss;
            oss << m_source << ":" << m_reader.RowNumber() << ": a '" << record << "' record has "
                << n << " columns, found " << m_reader.ColumnCount();
            throw ModelFormatError(oss.str());
        }
    }

    std::string String(size_t column, const std::string& field) const
    {
        std::string s = Raw(column);
        if (s.empty())
        {
            Fail(column, s, field + " is empty");
        }
        return s;
    }

    double Double(size_t column, const std::string& field) const
    {
        const std::string s = Raw(column);
        double v = 0;
        std::istringstream iss(s);
        iss >> v;
        if (s.empty() || iss.fail() || !iss.eof() || !std::isfinite(v))
        {
            Fail(column, s, field + " is not a finite number");
        }
        return v;
    }

    uint64_t Unsigned(size_t column, const std::string& field) const
    {
        const std::string s = Raw(column);
        if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
        {
            Fail(column, s, field + " is not a non-negative integer");
        }
        std::istringstream iss(s);
        uint64_t v = 0;
        iss >> v;
        if (iss.fail())
        {
            Fail(column, s, field + " is out of range");
        }
        return v;
    }

  private:
    CsvReader& m_reader;  ///< Reader positioned on the row
    std::string m_source; ///< Source name for messages
};

} // namespace

DnnModel
DnnModel::ReadCsv(std::istream& is, const std::string& sourceName)
{
    CsvReader reader(is, ',');
    DnnModel model;
    bool haveModel = false;
    std::vector<size_t> exitRowOfIndex;
    std::vector<EarlyExitBranch> exits;
    while (reader.FetchNextRow())
    {
        if (reader.IsBlankRow())
        {
            continue;
        }
        CsvRow row(reader, sourceName);
        const std::string type = row.Raw(0);
        if (type == "model")
        {
            row.RequireColumns(4, "model");
            if (haveModel)
            {
                row.Fail(0, type, "a second 'model' record");
            }
            model.SetName(row.String(1, "model name"));
            const double bpp = row.Double(2, "bytesPerParameter");
            if (!(bpp > 0.0))
            {
                row.Fail(2, row.Raw(2), "bytesPerParameter must be > 0");
            }
            model.SetBytesPerParameter(bpp);
            model.SetInputBytes(row.Unsigned(3, "inputBytes"));
            haveModel = true;
        }
        else if (type == "layer")
        {
            if (!haveModel)
            {
                row.Fail(0, type, "a 'layer' record before the 'model' record");
            }
            row.RequireColumns(6, "layer");
            DnnLayer l;
            l.name = row.String(1, "layer name");
            l.parameters = row.Unsigned(2, "parameters");
            l.flops = row.Double(3, "flops");
            if (l.flops < 0)
            {
                row.Fail(3, row.Raw(3), "flops must be >= 0");
            }
            l.outputBytes = row.Unsigned(4, "outputBytes");
            l.blockId = row.Raw(5);
            try
            {
                model.AddLayer(l);
            }
            catch (const ModelFormatError& e)
            {
                row.Fail(5, l.blockId, e.what());
            }
        }
        else if (type == "exit")
        {
            row.RequireColumns(5, "exit");
            EarlyExitBranch e;
            const uint64_t after = row.Unsigned(1, "afterLayer");
            if (after >= model.GetNLayers())
            {
                row.Fail(1,
                         row.Raw(1),
                         "afterLayer is not a layer defined above (" +
                             std::to_string(model.GetNLayers()) + " layers so far)");
            }
            e.afterLayer = static_cast<uint32_t>(after);
            e.flops = row.Double(2, "flops");
            e.parameters = row.Unsigned(3, "parameters");
            e.accuracy = row.Double(4, "accuracy");
            if (e.accuracy < 0.0 || e.accuracy > 1.0)
            {
                row.Fail(4, row.Raw(4), "accuracy must be in [0, 1]");
            }
            exits.push_back(e);
            exitRowOfIndex.push_back(reader.RowNumber());
        }
        else if (type == "exitpoint")
        {
            row.RequireColumns(4, "exitpoint");
            const uint64_t idx = row.Unsigned(1, "exitIndex");
            if (idx >= exits.size())
            {
                row.Fail(1, row.Raw(1), "exitIndex refers to no 'exit' record above");
            }
            const double thr = row.Double(2, "threshold");
            const double p = row.Double(3, "probability");
            if (p < 0.0 || p > 1.0)
            {
                row.Fail(3, row.Raw(3), "probability must be in [0, 1]");
            }
            auto& prof = exits[idx].exitProfile;
            if (!prof.empty() && !(thr > prof.back().first))
            {
                row.Fail(2, row.Raw(2), "thresholds of one exit must increase");
            }
            if (!prof.empty() && p > prof.back().second)
            {
                row.Fail(3, row.Raw(3), "exit probability must not increase with the threshold");
            }
            prof.emplace_back(thr, p);
        }
        else
        {
            row.Fail(0, type, "unknown record type (expected model, layer, exit or exitpoint)");
        }
    }
    if (!haveModel)
    {
        throw ModelFormatError(sourceName + ": no 'model' record");
    }
    for (size_t i = 0; i < exits.size(); ++i)
    {
        try
        {
            model.AddExit(exits[i]);
        }
        catch (const ModelFormatError& e)
        {
            throw ModelFormatError(sourceName + ":" + std::to_string(exitRowOfIndex[i]) + ": " +
                                   e.what());
        }
    }
    try
    {
        model.Validate();
    }
    catch (const ModelFormatError& e)
    {
        throw ModelFormatError(sourceName + ": " + e.what());
    }
    return model;
}

DnnModel
DnnModel::LoadCsv(const std::string& path)
{
    std::ifstream ifs(path);
    if (!ifs)
    {
        throw ModelFormatError("cannot open model file '" + path + "'");
    }
    return ReadCsv(ifs, path);
}

DnnModelFamily::DnnModelFamily(std::string name)
    : m_name(std::move(name))
{
}

const std::string&
DnnModelFamily::GetName() const
{
    return m_name;
}

void
DnnModelFamily::Add(const DnnModel& model)
{
    for (const auto& m : m_models)
    {
        if (m.GetName() == model.GetName())
        {
            throw ModelFormatError("DnnModelFamily '" + m_name + "': model '" + model.GetName() +
                                   "' is already a member");
        }
        for (const auto& b : model.GetBlocks())
        {
            for (const auto& ob : m.GetBlocks())
            {
                if (ob.id == b.id && ob.bytes != b.bytes)
                {
                    std::ostringstream oss;
                    oss << "DnnModelFamily '" << m_name << "': block '" << b.id << "' has "
                        << b.bytes << " bytes in model '" << model.GetName() << "' but " << ob.bytes
                        << " bytes in model '" << m.GetName()
                        << "' (inconsistent sharing description)";
                    throw ModelFormatError(oss.str());
                }
            }
        }
    }
    m_models.push_back(model);
}

const std::vector<DnnModel>&
DnnModelFamily::GetModels() const
{
    return m_models;
}

const DnnModel&
DnnModelFamily::Get(const std::string& name) const
{
    for (const auto& m : m_models)
    {
        if (m.GetName() == name)
        {
            return m;
        }
    }
    throw ModelFormatError("DnnModelFamily '" + m_name + "': no model named '" + name + "'");
}

uint64_t
DnnModelFamily::SharedBytes(const std::string& a, const std::string& b) const
{
    const DnnModel& ma = Get(a);
    const DnnModel& mb = Get(b);
    uint64_t shared = 0;
    for (const auto& blk : ma.GetBlocks())
    {
        if (mb.HasBlock(blk.id))
        {
            shared += blk.bytes;
        }
    }
    return shared;
}

uint32_t
DnnModelFamily::GetNBlocks() const
{
    std::set<std::string> ids;
    for (const auto& m : m_models)
    {
        for (const auto& b : m.GetBlocks())
        {
            ids.insert(b.id);
        }
    }
    return static_cast<uint32_t>(ids.size());
}

} // namespace edgeinference
} // namespace ns3
