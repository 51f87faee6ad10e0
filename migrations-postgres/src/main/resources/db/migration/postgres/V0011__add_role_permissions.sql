-- Stage one of normalizing permissions: the join table arrives beside roles.permissions.
-- ./scripts/migrate-permissions copies the arrays into it before step 0012 drops the column.
CREATE TABLE role_permissions (
    role_id    bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    permission text   NOT NULL,
    PRIMARY KEY (role_id, permission)
);
