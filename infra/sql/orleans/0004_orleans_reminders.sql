-- Orleans ADO.NET reminders (Microsoft.Orleans.Reminders.AdoNet 10.4.2):
-- reminder table and the statements AdoNetReminderTable looks up in orleansquery.
--
-- Contract notes (what the provider sends and reads):
--  * @ServiceId is ClusterOptions.ServiceId; @GrainId is GrainId.ToString()
--    ("type/key"); @ReminderName is the name the grain registered.
--  * @GrainHash, @BeginHash and @EndHash are uint ring positions passed as
--    int, i.e. reinterpreted as signed. The provider picks ReadRangeRows1Key
--    when BeginHash < EndHash in that signed order and ReadRangeRows2Key
--    (the wrapping range) otherwise; both select the ring range (Begin, End].
--  * @Period is milliseconds (int, or bigint when it does not fit); @StartTime
--    is UTC.
--  * @Version is the reminder's etag (int). Reads are mapped by column name:
--    GrainId, ReminderName, StartTime, Period, Version.

CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,

    -- The provider addresses a reminder by these three values; the key also
    -- serves "all reminders of a grain" through its (service_id, grain_id) prefix.
    CONSTRAINT orleans_reminders_pk PRIMARY KEY (service_id, grain_id, reminder_name),
    -- Bounds keep the key well under the btree entry limit (about 2.7 kB).
    CONSTRAINT orleans_reminders_service_id_len CHECK (octet_length(service_id) BETWEEN 1 AND 150),
    CONSTRAINT orleans_reminders_grain_id_len CHECK (octet_length(grain_id) BETWEEN 1 AND 2048),
    CONSTRAINT orleans_reminders_reminder_name_len CHECK (octet_length(reminder_name) BETWEEN 1 AND 256),
    CONSTRAINT orleans_reminders_period_nonneg CHECK (period >= 0),
    CONSTRAINT orleans_reminders_version_positive CHECK (version > 0)
);

-- Each silo periodically loads the reminders of the hash range it owns.
CREATE INDEX IF NOT EXISTS orleans_reminders_service_hash_ix
    ON orleans_reminders (service_id, grain_hash);

COMMENT ON TABLE orleans_reminders IS
    'Orleans reminders (AdoNetReminderTable): one row per service, grain and reminder name; version is the etag.';

INSERT INTO orleansquery (querykey, querytext)
VALUES
-- Register or re-register. Only equality of versions matters to the provider,
-- so the version wraps to 1 instead of overflowing.
('UpsertReminderRowKey', $q$
    INSERT INTO orleans_reminders AS r
        (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
    ON CONFLICT ON CONSTRAINT orleans_reminders_pk DO UPDATE
    SET start_time = EXCLUDED.start_time,
        period = EXCLUDED.period,
        grain_hash = EXCLUDED.grain_hash,
        version = CASE WHEN r.version = 2147483647 THEN 1 ELSE r.version + 1 END
    RETURNING r.version AS Version;
$q$),

('ReadReminderRowsKey', $q$
    SELECT
        grain_id      AS GrainId,
        reminder_name AS ReminderName,
        start_time    AS StartTime,
        period        AS Period,
        version       AS Version
    FROM orleans_reminders
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId;
$q$),

('ReadReminderRowKey', $q$
    SELECT
        grain_id      AS GrainId,
        reminder_name AS ReminderName,
        start_time    AS StartTime,
        period        AS Period,
        version       AS Version
    FROM orleans_reminders
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName;
$q$),

-- Non-wrapping range: Begin < hash <= End.
('ReadRangeRows1Key', $q$
    SELECT
        grain_id      AS GrainId,
        reminder_name AS ReminderName,
        start_time    AS StartTime,
        period        AS Period,
        version       AS Version
    FROM orleans_reminders
    WHERE service_id = @ServiceId
      AND grain_hash > @BeginHash
      AND grain_hash <= @EndHash;
$q$),

-- Wrapping range (also the whole ring when Begin = End): hash > Begin or
-- hash <= End.
('ReadRangeRows2Key', $q$
    SELECT
        grain_id      AS GrainId,
        reminder_name AS ReminderName,
        start_time    AS StartTime,
        period        AS Period,
        version       AS Version
    FROM orleans_reminders
    WHERE service_id = @ServiceId
      AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$q$),

-- Remove only if the caller's etag is current; the provider expects exactly
-- one row with one boolean column.
('DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM orleans_reminders
        WHERE service_id = @ServiceId
          AND grain_id = @GrainId
          AND reminder_name = @ReminderName
          AND version = @Version
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM removed) AS removed;
$q$),

-- Used by the provider's test hook to wipe one service's reminders.
('DeleteReminderRowsKey', $q$
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
