package space.atbb.appview.backfill;

import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.lexicon.Nsid;

/**
 * A forum on a {@link FakeNetwork}: its structure, a moderator role granted to member 1, a ban of
 * member 3, and {@link #MEMBERS} members who each joined, opened a topic {@code t<i>} and replied
 * to the previous member's topic; member 5 also wrote {@link #LONG_THREAD} replies (three pages).
 */
public final class TestForum {
    public static final int MEMBERS = 20;
    static final int LONG_THREAD = 230;

    final TestEvents events = new TestEvents();
    /** Every event published, in order: the forum's history as Jetstream would replay it. */
    final List<String> history = new ArrayList<>();
    private final FakeNetwork net;

    public TestForum(FakeNetwork net) {
        this.net = net;
    }

    static String member(int i) {
        return String.format("did:plc:member%02d", i);
    }

    public TestForum build() {
        net.account(FORUM, "forum.test");
        events.structure().forEach(this::publish);
        publish(events.create(FORUM, Nsid.ROLE, "mod", Map.of("name", "Moderator", "priority", 10,
                "permissions", List.of("space.atbb.permission.moderatePosts"), "createdAt", CREATED)));
        publish(events.create(FORUM, Nsid.MEMBER_ROLE, "g1", Map.of("subject", member(1),
                "role", TestEvents.ref(FORUM, Nsid.ROLE, "mod"), "createdAt", CREATED)));
        publish(events.modAction("ban3", "ban", Map.of("did", member(3))));
        for (int i = 1; i <= MEMBERS; i++) {
            String did = member(i);
            net.account(did, "m" + i + ".test");
            publish(events.membership(did));
            publish(events.topic(did, "t" + i, "topic of member " + i, CREATED));
            if (i > 1) {
                publish(events.reply(did, "r" + i, member(i - 1), "t" + (i - 1), CREATED));
            }
        }
        for (int n = 0; n < LONG_THREAD; n++) {
            publish(events.reply(member(5), String.format("long%03d", n), member(5), "t5", CREATED));
        }
        return this;
    }

    /** Posts of a healthy network: a topic per member, a reply per member but the first, the long thread. */
    static long posts() {
        return MEMBERS + (MEMBERS - 1) + LONG_THREAD;
    }

    /** Records of a healthy network: the forum's 6 (forum, category, board, role, grant, ban), memberships, posts. */
    public static long records() {
        return 6 + MEMBERS + posts();
    }

    void publish(String event) {
        history.add(event);
        net.publish(event);
    }
}
