-- A system's allocations (what each live order or resource holds against its envelope), one row each. They used to
-- live in broker.systems.state as {"allocations": {"<allocation id>": {"vcpu": 4, ...}}}, so every allocation
-- rewrote the whole system row, a write that grew with the system's allocations. Now an allocation inserts (and a
-- deallocation deletes) one small row in the same transaction as its audit row, and the systems row changes only
-- when the registration or the review does.
-- Written to run again harmlessly (if not exists, on conflict, a guarded update), which its test relies on.
create table if not exists broker.system_allocations (
    department    text        not null,
    system_id     text        not null,
    allocation_id text        not null check (length(allocation_id) between 1 and 200),
    -- A quota vector as the broker writes it everywhere: {"dimension": amount}, non-zero amounts only.
    vector        jsonb       not null check (jsonb_typeof(vector) = 'object'),
    allocated_at  timestamptz not null,
    primary key (department, system_id, allocation_id)
);

-- Move the allocations held in the old state shape. When each was made is taken from its system.allocated audit row
-- (correlation id = allocation id); the system's updated_at, the time of its last change, stands in where none is found.
with allocated as (
    select department, object_id as system_id, correlation_id as allocation_id, max(at) as at
    from broker.audit_log
    where object_type = 'system' and action = 'system.allocated'
    group by department, object_id, correlation_id
)
insert into broker.system_allocations (department, system_id, allocation_id, vector, allocated_at)
select s.department, s.id, a.key, a.value, coalesce(allocated.at, s.updated_at)
from broker.systems s
cross join lateral jsonb_each(s.state -> 'allocations') a
left join allocated on allocated.department = s.department and allocated.system_id = s.id and allocated.allocation_id = a.key
where jsonb_typeof(s.state -> 'allocations') = 'object'
on conflict (department, system_id, allocation_id) do nothing;

-- The state no longer carries them. The version stays: the system itself did not change, and no grain is active
-- while migrations run (they are applied before the silo starts).
update broker.systems set state = state - 'allocations' where state ? 'allocations';
