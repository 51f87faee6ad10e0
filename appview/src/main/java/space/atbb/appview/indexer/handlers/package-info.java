/**
 * One {@link space.atbb.appview.indexer.event.RecordHandler} per atBB collection: each reads and
 * checks a record's fields and declares the row it writes ({@code space.atbb.db.records}); the
 * SQL lives behind the record writer. {@link space.atbb.appview.indexer.handlers.Handlers#all}
 * hands the indexer the whole set.
 */
package space.atbb.appview.indexer.handlers;
