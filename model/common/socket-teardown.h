/*
 * Copyright (c) 2026 edge-inference authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_INFERENCE_SOCKET_TEARDOWN_H
#define EDGE_INFERENCE_SOCKET_TEARDOWN_H

#include "ns3/ptr.h"

namespace ns3
{

class Socket;

namespace edgeinference
{

/**
 * @ingroup edge-inference-common
 * @brief Close a stream socket the application is done with, so that TCP can always finish
 * the connection: clear the application's callbacks, read and discard whatever is buffered,
 * keep discarding what still arrives until the connection is closed, then Close().
 *
 * Why: ns-3's TCP enters zero-window persist whenever a segment advertises a zero window,
 * even when it has nothing left to send, and ns-3.37's TcpSocketBase::PersistTimeout() then
 * reads a packet from the empty send buffer (null dereference). A socket whose application
 * stopped reading (a task that timed out or failed mid-stream) fills its receive buffer and
 * advertises exactly that zero window to a peer that may have sent everything; and Close()
 * with unread data sends a RST instead of a FIN. Draining keeps the advertised window open
 * and makes Close() a normal FIN.
 *
 * The discarding callback is a free function: it holds no pointer to the application, so the
 * socket may outlive it.
 *
 * @param [in] socket the socket (null: nothing to do)
 */
void CloseDiscardingInput(Ptr<Socket> socket);

} // namespace edgeinference
} // namespace ns3

#endif /* EDGE_INFERENCE_SOCKET_TEARDOWN_H */
