-- The resource sweeper (ResourceSweeperGrain) asks every reconcile period which leases have a warning, stop or
-- deletion due. Only live resources with a lease can be due, usually a small part of the table: a partial index on
-- the lease end keeps that question cheap as the table grows. Its predicate is repeated in the query
-- (ResourceDirectory.LeaseDueSql) so the planner can use it. The converging states are already served by
-- resources_state_idx (0004).
create index resources_lease_due_idx on broker.resources (lease_end)
    where lease_end is not null and state not in ('pending-approval', 'deleting', 'deleted');
