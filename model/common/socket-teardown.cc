/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "socket-teardown.h"

#include "ns3/callback.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SocketTeardown");

namespace edgeinference
{

namespace
{

/**
 * @brief Read and drop everything the socket holds.
 * @param [in] socket the socket
 */
void
Discard(Ptr<Socket> socket)
{
    uint64_t bytes = 0;
    while (Ptr<Packet> p = socket->Recv())
    {
        if (p->GetSize() == 0)
        {
            break; // TCP's end of stream: Recv() returns an empty packet for ever
        }
        bytes += p->GetSize();
    }
    NS_LOG_LOGIC("socket " << socket << ": discarded " << bytes << " bytes");
}

} // namespace

void
CloseDiscardingInput(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(socket);
    if (!socket)
    {
        return;
    }
    socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                               MakeNullCallback<void, Ptr<Socket>>());
    socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    socket->SetDataSentCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->SetRecvCallback(MakeCallback(&Discard));
    Discard(socket);
    socket->Close();
}

} // namespace edgeinference
} // namespace ns3
