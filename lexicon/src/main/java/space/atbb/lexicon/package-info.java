/**
 * The AT Protocol vocabulary of atBB, shared by the storage layer and the AppView: the collection
 * names ({@link space.atbb.lexicon.Nsid}), record addresses ({@link space.atbb.lexicon.AtUri}),
 * DIDs ({@link space.atbb.lexicon.Did}) and strong references ({@link space.atbb.lexicon.StrongRef}).
 * Bad input is an {@link java.lang.IllegalArgumentException} whose message says what a good value looks like.
 */
package space.atbb.lexicon;
