-- Stage two: drop roles.permissions, but only once every element of every array is a row in
-- role_permissions. Flyway runs this step in one transaction, so when the guard raises, the
-- column stays exactly as it was.
DO $$
DECLARE
    missing bigint;
BEGIN
    SELECT count(*) INTO missing
    FROM roles r
    CROSS JOIN LATERAL unnest(r.permissions) AS p(permission)
    WHERE NOT EXISTS (
        SELECT 1 FROM role_permissions rp
        WHERE rp.role_id = r.id AND rp.permission = p.permission
    );
    IF missing > 0 THEN
        RAISE EXCEPTION 'Refusing to drop roles.permissions: % permission(s) are not yet in role_permissions.', missing
            USING HINT = 'Run ./scripts/migrate-permissions (it copies the arrays and then applies this step).';
    END IF;
END
$$;

ALTER TABLE roles DROP COLUMN permissions;
