-- Orleans ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.4.2):
-- state table and the statements AdoNetGrainStorage looks up in orleansquery.
--
-- Contract notes (what the provider sends and reads):
--  * A grain's state is identified by @ServiceId, @GrainTypeString, @GrainIdN0,
--    @GrainIdN1 (bigint halves of a Guid key, or 0 and the integer key) and
--    @GrainIdExtensionString (key extension, or the whole key of a string-keyed
--    grain; NULL when the grain has none).
--  * @GrainIdHash and @GrainTypeHash (int) are also sent. They are kept for
--    information only: lookups use the full identity, so changing the
--    provider's hasher can never hide or duplicate existing state.
--  * @GrainStateVersion (int) is the etag the grain holds, NULL before its
--    first successful write. A write or clear returns the new version in
--    NewGrainStateVersion; no row or a NULL value means "version conflict"
--    and the provider raises InconsistentStateException.
--  * Reads are mapped by column name: PayloadBinary (bytea, NULL once cleared)
--    and Version. 10.x sends only PayloadBinary (no JSON/XML columns).

CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id             text        NOT NULL,
    grain_type             text        NOT NULL,
    grain_id_n0            bigint      NOT NULL,
    grain_id_n1            bigint      NOT NULL,
    -- The provider distinguishes "no extension" (NULL) from an empty string.
    -- Storing the flag and a non-null text instead of a nullable column keeps
    -- the whole identity usable as a primary key and as plain btree equality
    -- conditions (IS NOT DISTINCT FROM cannot use an index, which would turn
    -- every string-keyed grain lookup into a scan of its grain type).
    has_grain_id_extension boolean     NOT NULL,
    grain_id_extension     text        NOT NULL,
    grain_id_hash          integer     NOT NULL,
    grain_type_hash        integer     NOT NULL,
    payload_binary         bytea       NULL,
    version                integer     NOT NULL,
    modified_on            timestamptz NOT NULL DEFAULT now(),

    -- One row per grain. Besides serving every lookup below, this key is the
    -- guard against duplicate state: two activations racing their first write
    -- both try to insert, and the loser hits this key instead of adding a
    -- second row (which would later make reads ambiguous).
    CONSTRAINT orleans_storage_pk PRIMARY KEY
        (service_id, grain_type, grain_id_n0, grain_id_n1, has_grain_id_extension, grain_id_extension),
    CONSTRAINT orleans_storage_no_extension_is_empty
        CHECK (has_grain_id_extension OR grain_id_extension = ''),
    -- Bounds keep the key well under the btree entry limit (about 2.7 kB), so
    -- an oversized key fails loudly here rather than inside the index.
    CONSTRAINT orleans_storage_service_id_len CHECK (octet_length(service_id) BETWEEN 1 AND 150),
    CONSTRAINT orleans_storage_grain_type_len CHECK (octet_length(grain_type) BETWEEN 1 AND 1024),
    CONSTRAINT orleans_storage_grain_id_extension_len CHECK (octet_length(grain_id_extension) <= 1024),
    CONSTRAINT orleans_storage_version_positive CHECK (version > 0)
);

COMMENT ON TABLE orleans_storage IS
    'Orleans grain state (AdoNetGrainStorage): one row per service, grain type and grain id; version is the etag.';

INSERT INTO orleansquery (querykey, querytext)
VALUES
('ReadFromStorageKey', $q$
    SELECT
        s.payload_binary AS PayloadBinary,
        s.version        AS Version
    FROM orleans_storage AS s
    WHERE s.service_id = @ServiceId
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.has_grain_id_extension = (@GrainIdExtensionString IS NOT NULL)
      AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '');
$q$),

-- Without an etag the grain has never written: insert version 1, and if the
-- row already exists (another activation won the race, or the grain skipped
-- its read) do nothing, so the caller gets NULL and sees a conflict instead of
-- an error or a second row. With an etag: update only if it still matches.
-- Only equality of versions matters to the provider, so the version wraps to
-- 1 instead of overflowing.
('WriteToStorageKey', $q$
    WITH inserted AS (
        INSERT INTO orleans_storage
            (service_id, grain_type, grain_id_n0, grain_id_n1,
             has_grain_id_extension, grain_id_extension,
             grain_id_hash, grain_type_hash, payload_binary, version)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
               @GrainIdExtensionString IS NOT NULL, COALESCE(@GrainIdExtensionString, ''),
               @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT ON CONSTRAINT orleans_storage_pk DO NOTHING
        RETURNING version
    ), updated AS (
        UPDATE orleans_storage AS s
        SET payload_binary = @PayloadBinary,
            grain_id_hash = @GrainIdHash,
            grain_type_hash = @GrainTypeHash,
            version = CASE WHEN s.version = 2147483647 THEN 1 ELSE s.version + 1 END,
            modified_on = now()
        WHERE @GrainStateVersion IS NOT NULL
          AND s.service_id = @ServiceId
          AND s.grain_type = @GrainTypeString
          AND s.grain_id_n0 = @GrainIdN0
          AND s.grain_id_n1 = @GrainIdN1
          AND s.has_grain_id_extension = (@GrainIdExtensionString IS NOT NULL)
          AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '')
          AND s.version = @GrainStateVersion
        RETURNING s.version
    )
    SELECT (SELECT version FROM inserted
            UNION ALL
            SELECT version FROM updated) AS NewGrainStateVersion;
$q$),

-- Clearing keeps the row (payload NULL) and advances the version, so a stale
-- activation still holding the old etag cannot resurrect the cleared state.
('ClearStorageKey', $q$
    UPDATE orleans_storage AS s
    SET payload_binary = NULL,
        version = CASE WHEN s.version = 2147483647 THEN 1 ELSE s.version + 1 END,
        modified_on = now()
    WHERE s.service_id = @ServiceId
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.has_grain_id_extension = (@GrainIdExtensionString IS NOT NULL)
      AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '')
      AND s.version = @GrainStateVersion
    RETURNING s.version AS NewGrainStateVersion;
$q$),

-- Optional key, used only with AdoNetGrainStorageOptions.DeleteStateOnClear.
-- The provider needs a value that differs from the etag it sent to accept the
-- delete (it then forgets the etag), so the old version + 1 is returned.
('DeleteStorageKey', $q$
    DELETE FROM orleans_storage AS s
    WHERE s.service_id = @ServiceId
      AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.has_grain_id_extension = (@GrainIdExtensionString IS NOT NULL)
      AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '')
      AND s.version = @GrainStateVersion
    RETURNING s.version::bigint + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
