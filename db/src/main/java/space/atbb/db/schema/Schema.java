package space.atbb.db.schema;

import java.util.List;

/** The forum's tables as JPA entities: one set of classes for both dialects. */
public final class Schema {
    /** Every entity class, registered with Hibernate in this order. */
    public static final List<Class<?>> ENTITIES = List.of(
            Forum.class, Category.class, Board.class, User.class, Membership.class, Post.class,
            ModAction.class, FirehoseCursor.class, Role.class, RolePermission.class,
            BackfillProgress.class, BackfillError.class, UserSession.class, MemberRole.class);

    private Schema() {
    }
}
