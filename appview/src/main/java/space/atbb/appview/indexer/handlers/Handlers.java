package space.atbb.appview.indexer.handlers;

import java.util.List;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.db.records.Listing;
import space.atbb.lexicon.AtUri;

/** The handlers of every collection the indexer reads, and the checks several of them share. */
public final class Handlers {
    private Handlers() {
    }

    public static List<RecordHandler> all() {
        return List.of(new ForumHandler(), new CategoryHandler(), new BoardHandler(), new RoleHandler(),
                new MemberRoleHandler(), new ModActionHandler(), new MembershipHandler(), new PostHandler());
    }

    /** A member's record is about the forum this indexer serves, or refused. */
    static void requireOurs(AtUri forumRef, AtUri forum) throws RejectedEvent {
        if (!forumRef.equals(forum)) {
            throw new RejectedEvent(SkipReason.OTHER_FORUM, "forum " + forumRef + " is not " + forum);
        }
    }

    /** The fields categories and boards share. */
    static Listing listing(RecordFields fields) throws RejectedEvent {
        return new Listing(fields.text("name"), fields.optionalText("description"), fields.optionalText("slug"),
                fields.optionalInt("sortOrder"));
    }
}
