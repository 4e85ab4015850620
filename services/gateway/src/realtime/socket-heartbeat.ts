import type { RealtimeSocket } from './realtime-socket.ts';

/**
 * Pings the socket every `intervalMs` and terminates it when the previous ping got no pong:
 * a client that vanished without closing (a laptop lid, a dead NAT entry) would otherwise hold
 * its upstream streams and count as connected for as long as TCP takes to notice. The ping
 * also keeps idle connections open through proxies that close quiet ones. Returns the stop.
 */
export function startHeartbeat(socket: RealtimeSocket, intervalMs: number): () => void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, intervalMs);
  return () => {
    clearInterval(timer);
  };
}
