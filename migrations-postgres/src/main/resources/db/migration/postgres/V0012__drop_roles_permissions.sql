-- Stage two: drop roles.permissions, but only once every element of every array is a row in
-- role_permissions. Flyway runs this step in one transaction, so when the guard raises, the
-- column stays exactly as it was.

-- Taken before the check rather than by the DROP: no writer can then add an element between
-- the check and the drop, and ./scripts/migrate-permissions (which locks roles while it copies)
-- is either finished or not yet begun.
LOCK TABLE roles IN ACCESS EXCLUSIVE MODE;

DO $$
DECLARE
    missing bigint;
    role_count bigint;
    first_role text;
BEGIN
    SELECT count(*), count(DISTINCT m.id), min(m.did || ' rkey ' || m.rkey)
    INTO missing, role_count, first_role
    FROM (
        SELECT DISTINCT r.id, r.did, r.rkey, p.permission
        FROM roles r
        CROSS JOIN LATERAL unnest(r.permissions) AS p(permission)
        WHERE NOT EXISTS (
            SELECT 1 FROM role_permissions rp
            WHERE rp.role_id = r.id AND rp.permission = p.permission
        )
    ) m;
    IF missing > 0 THEN
        RAISE EXCEPTION 'Refusing to drop roles.permissions: % permission(s) of % role(s) (e.g. %) are not yet in role_permissions; the column is left in place.', missing, role_count, first_role
            USING HINT = 'Run ./scripts/migrate-permissions: it copies the arrays, verifies them, then applies this step.';
    END IF;
END
$$;

ALTER TABLE roles DROP COLUMN permissions;
