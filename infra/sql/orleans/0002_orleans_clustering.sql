-- Orleans ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet 10.4.2):
-- membership tables and the statements the membership table and the client
-- gateway list provider look up in orleansquery.
--
-- Contract notes (what the provider sends and reads):
--  * @DeploymentId is ClusterOptions.ClusterId (text).
--  * A silo is identified by @Address (IP as text), @Port, @Generation (int).
--  * @Status is the SiloStatus enum as int (3 = Active, 6 = Dead).
--  * @Version is the table version the caller last read (int). Insert and
--    update must apply only if it is still current and must then increase it,
--    returning one row with one boolean-like column.
--  * Read queries are mapped by column name (case-insensitive), hence the
--    aliases to the provider's names.
--  * Times arrive as UTC DateTime values; they are stored as timestamptz.

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL,
    -- The optimistic-concurrency token for the whole membership table; Orleans
    -- also compares it to pick the newest snapshot, so it must only grow.
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT orleans_membership_version_pk PRIMARY KEY (deployment_id),
    CONSTRAINT orleans_membership_version_deployment_id_len
        CHECK (octet_length(deployment_id) BETWEEN 1 AND 150),
    CONSTRAINT orleans_membership_version_version_nonneg CHECK (version >= 0)
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    -- 0 means the silo does not act as a gateway.
    proxy_port      integer     NOT NULL DEFAULT 0,
    -- Provider-formatted "silo,time|silo,time" list; opaque to the database.
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,

    -- The provider addresses a silo instance by exactly these four values; the
    -- key also serves the per-cluster scans (deployment_id is its prefix), and
    -- a membership table holds a handful of rows, so no further index is needed.
    CONSTRAINT orleans_membership_pk PRIMARY KEY (deployment_id, address, port, generation),
    -- Cascade so that removing a cluster's version row removes the cluster in
    -- one statement, and no silo row can exist without a version to guard it.
    CONSTRAINT orleans_membership_version_fk FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    -- Longest textual IPv6 form is 45 characters.
    CONSTRAINT orleans_membership_address_len CHECK (octet_length(address) BETWEEN 1 AND 45),
    CONSTRAINT orleans_membership_port_range CHECK (port BETWEEN 0 AND 65535),
    CONSTRAINT orleans_membership_proxy_port_range CHECK (proxy_port BETWEEN 0 AND 65535),
    -- SiloStatus: None 0, Created 1, Joining 2, Active 3, ShuttingDown 4, Stopping 5, Dead 6.
    CONSTRAINT orleans_membership_status_known CHECK (status BETWEEN 0 AND 6),
    CONSTRAINT orleans_membership_silo_name_len CHECK (octet_length(silo_name) <= 150),
    CONSTRAINT orleans_membership_host_name_len CHECK (octet_length(host_name) <= 150)
);

COMMENT ON TABLE orleans_membership_version IS
    'Orleans cluster membership: one row per cluster id, carrying the table version (etag).';
COMMENT ON TABLE orleans_membership IS
    'Orleans cluster membership: one row per silo instance (address, port, generation).';

INSERT INTO orleansquery (querykey, querytext)
VALUES
-- Creates the cluster's version row on first start; answers whether this call
-- created it (the provider only logs the answer).
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id)
        VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM created) AS created;
$q$),

-- Adds a silo row and bumps the table version, both or neither. The version
-- row is locked first so that a concurrent writer holding the same @Version
-- waits and then finds it stale; the bump happens only if the row was really
-- inserted, so a duplicate silo key leaves the version untouched.
('InsertMembershipKey', $q$
    WITH expected AS (
        SELECT v.deployment_id
        FROM orleans_membership_version AS v
        WHERE v.deployment_id = @DeploymentId
          AND v.version = @Version
          AND v.version < 2147483647
        FOR UPDATE
    ), inserted AS (
        INSERT INTO orleans_membership
            (deployment_id, address, port, generation, silo_name, host_name,
             status, proxy_port, start_time, i_am_alive_time)
        SELECT e.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
               @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM expected AS e
        ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
        RETURNING deployment_id
    ), bumped AS (
        UPDATE orleans_membership_version AS v
        SET version = v.version + 1,
            changed_at = now()
        FROM inserted AS i
        WHERE v.deployment_id = i.deployment_id
        RETURNING v.version
    )
    SELECT EXISTS (SELECT 1 FROM bumped) AS applied;
$q$),

-- Same all-or-nothing shape as the insert. I-am-alive never moves backwards:
-- a delayed status write must not undo a newer heartbeat.
('UpdateMembershipKey', $q$
    WITH expected AS (
        SELECT v.deployment_id
        FROM orleans_membership_version AS v
        WHERE v.deployment_id = @DeploymentId
          AND v.version = @Version
          AND v.version < 2147483647
        FOR UPDATE
    ), updated AS (
        UPDATE orleans_membership AS m
        SET status = @Status,
            suspect_times = @SuspectTimes,
            i_am_alive_time = GREATEST(m.i_am_alive_time, @IAmAliveTime)
        FROM expected AS e
        WHERE m.deployment_id = e.deployment_id
          AND m.address = @Address
          AND m.port = @Port
          AND m.generation = @Generation
        RETURNING m.deployment_id
    ), bumped AS (
        UPDATE orleans_membership_version AS v
        SET version = v.version + 1,
            changed_at = now()
        FROM updated AS u
        WHERE v.deployment_id = u.deployment_id
        RETURNING v.version
    )
    SELECT EXISTS (SELECT 1 FROM bumped) AS applied;
$q$),

-- Heartbeat. Deliberately does not touch the table version: heartbeats are
-- frequent and must not invalidate other silos' pending membership writes.
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership
    SET i_am_alive_time = GREATEST(i_am_alive_time, @IAmAliveTime)
    WHERE deployment_id = @DeploymentId
      AND address = @Address
      AND port = @Port
      AND generation = @Generation;
$q$),

-- The provider takes the version from the first row and treats a row with a
-- NULL StartTime as "no silo entry", so the version row drives the query and
-- the silo row is outer-joined.
('MembershipReadRowKey', $q$
    SELECT
        v.version         AS Version,
        m.address         AS Address,
        m.port            AS Port,
        m.generation      AS Generation,
        m.silo_name       AS SiloName,
        m.host_name       AS HostName,
        m.status          AS Status,
        m.proxy_port      AS ProxyPort,
        m.suspect_times   AS SuspectTimes,
        m.start_time      AS StartTime,
        m.i_am_alive_time AS IAmAliveTime
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m
           ON m.deployment_id = v.deployment_id
          AND m.address = @Address
          AND m.port = @Port
          AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId;
$q$),

-- One statement, so version and rows come from the same snapshot.
('MembershipReadAllKey', $q$
    SELECT
        v.version         AS Version,
        m.address         AS Address,
        m.port            AS Port,
        m.generation      AS Generation,
        m.silo_name       AS SiloName,
        m.host_name       AS HostName,
        m.status          AS Status,
        m.proxy_port      AS ProxyPort,
        m.suspect_times   AS SuspectTimes,
        m.start_time      AS StartTime,
        m.i_am_alive_time AS IAmAliveTime
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m
           ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId;
$q$),

-- Silo rows go with the version row through the cascading foreign key.
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership_version
    WHERE deployment_id = @DeploymentId;
$q$),

-- Client side: active silos that expose a gateway port.
('GatewaysQueryKey', $q$
    SELECT
        address    AS Address,
        proxy_port AS ProxyPort,
        generation AS Generation
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId
      AND status = @Status
      AND proxy_port > 0;
$q$),

-- Bulk pruning, required by the provider but only used when the per-row key
-- below is missing. Only rows that are Dead and have been quiet since before
-- the cut-off (no start, heartbeat or pending suspicion after it) may go.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId
      AND status = 6
      AND i_am_alive_time < @IAmAliveTime
      AND start_time < @IAmAliveTime
      AND COALESCE(suspect_times, '') = '';
$q$),

-- Per-row pruning preferred by 10.x: the provider decided from a read that the
-- row is defunct and passes the values it saw; delete only if the row still
-- holds exactly those values, so a concurrent change wins over the cleanup.
-- NULL and empty suspect lists mean the same thing to the provider.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId
      AND address = @Address
      AND port = @Port
      AND generation = @Generation
      AND status = 6
      AND start_time = @StartTime
      AND i_am_alive_time = @IAmAliveTime
      AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '');
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
