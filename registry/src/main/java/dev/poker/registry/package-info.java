/**
 * Table ownership, node membership and event fan-out.
 *
 * <p>Standalone node: {@link dev.poker.registry.InProcessTableRegistry},
 * {@link dev.poker.registry.InProcessFanout}, {@link dev.poker.registry.InProcessMembership}.
 *
 * <p>Cluster node (one set per process):
 * <pre>{@code
 * RedisConnections redis = RedisConnections.connect("redis://10.0.0.5:6379");   // 500 ms command timeout
 * RedisTableRegistry registry = new RedisTableRegistry(redis);                  // 6 s leases
 * LeaseKeeper keeper = new LeaseKeeper(registry, nodeId, tableId -> stopTable(tableId)).start();
 * RedisMembership membership = new RedisMembership(redis);                      // 2 s heartbeat TTL
 * NodeHeartbeat heartbeat = new NodeHeartbeat(membership, () -> currentNodeInfo(),
 *         Duration.ofMillis(500)).start();                                      // a quarter of the TTL
 * RedisFanout<TableBatch> fanout = new RedisFanout<>(redis, codec::encode, codec::decode);
 * // placing a new table:
 * Optional<String> node = LeastLoadedPlacement.INSTANCE.choose(membership.live());
 * // on that node: registry.claim(tableId, nodeId) -> Lease with the fencing epoch
 * // /health: redis.healthy()
 * // shutdown: heartbeat.close(); keeper.close(); fanout.close(); redis.close();
 * }</pre>
 * While Redis is unreachable, claims, lookups and membership reads throw the retryable
 * {@link dev.poker.registry.RegistryUnavailableException}; running tables continue for local players
 * until their lease deadline (see {@link dev.poker.registry.LeaseKeeper}), and local fan-out keeps
 * working.
 */
package dev.poker.registry;
