/**
 * The one write path for the records the network holds (forums, categories, boards, roles and
 * their permissions, grants, moderation, memberships, posts) and the indexer's cursor:
 * {@link space.atbb.db.records.RecordWriter} takes typed rows ({@code ForumRow}, {@code PostRow},
 * ...) and owns every statement, each a constant that reads whole. Used by the indexer and by
 * {@code Permissions.saveRole}.
 */
package space.atbb.db.records;
