-- Idempotent: the coordinator knows itself and both workers (the `citus-setup` service runs it).
SELECT citus_set_coordinator_host('citus-coordinator', 5432);
SELECT citus_add_node('citus-worker-1', 5432)
  WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodename = 'citus-worker-1');
SELECT citus_add_node('citus-worker-2', 5432)
  WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodename = 'citus-worker-2');
