package space.atbb.appview.indexer;

import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import space.atbb.lexicon.Nsid;

/** A busy forum's stream, the same for every run: what crash and failover tests replay. */
public final class BusyForum {
    private BusyForum() {
    }

    /**
     * {@code count} events of a busy forum: its structure and two roles; members joining, one in
     * ten granted the moderator role before their membership arrives; topics and replies, one post
     * in five a topic; and every so often a reply that arrives before its topic, an edit, a member's
     * delete, a ban, a hide, an unban, a second grant, a grant taken back, and once the moderator
     * role's permissions replaced.
     */
    public static List<String> events(TestEvents events, int count) {
        SplittableRandom random = new SplittableRandom(42);
        List<String> lines = new ArrayList<>(events.structure());
        lines.add(events.create(FORUM, Nsid.ROLE, "mod", role("Moderator", 10,
                "space.atbb.permission.moderatePosts", "space.atbb.permission.banUsers")));
        lines.add(events.create(FORUM, Nsid.ROLE, "member", role("Member", 20, "space.atbb.permission.createPosts")));
        List<String> members = new ArrayList<>();
        List<PostKey> topics = new ArrayList<>();
        List<PostKey> replies = new ArrayList<>();
        Map<Integer, PostKey> lateTopics = new HashMap<>();
        List<String> grants = new ArrayList<>();
        List<String> bans = new ArrayList<>();
        for (int step = 0; lines.size() < count; step++) {
            String at = Instant.parse(CREATED).plusSeconds(step).toString();
            String author = members.isEmpty() ? null : members.get(random.nextInt(members.size()));
            if (step == count / 2) {
                lines.add(events.update(FORUM, Nsid.ROLE, "mod", role("Moderator", 10, "space.atbb.permission.moderatePosts")));
            }
            PostKey late = lateTopics.remove(step);
            if (late != null) {
                lines.add(events.topic(late.did(), late.rkey(), "came after its reply", late.createdAt()));
                topics.add(late);
            } else if (step % 40 == 0) {
                String did = "did:plc:member" + members.size();
                if (members.size() % 10 == 3) {
                    lines.add(grant(events, "g" + step, did, "mod", at));
                    grants.add("g" + step);
                }
                lines.add(events.membership(did));
                members.add(did);
            } else if (step % 500 == 1) {
                PostKey topic = new PostKey(author, "late" + step, at);
                lines.add(events.reply(author, "r" + step, topic.did(), topic.rkey(), at));
                replies.add(new PostKey(author, "r" + step, at));
                lateTopics.put(step + 997, topic);
            } else if (step % 300 == 7 && !topics.isEmpty()) {
                PostKey topic = topics.get(random.nextInt(topics.size()));
                lines.add(events.update(topic.did(), Nsid.POST, topic.rkey(), Map.of("title", "Edited",
                        "text", "edited at " + at, "forum", TestEvents.forumRef(),
                        "board", TestEvents.ref(FORUM, Nsid.BOARD, "b1"), "createdAt", topic.createdAt())));
            } else if (step % 300 == 11 && !replies.isEmpty()) {
                PostKey reply = replies.get(random.nextInt(replies.size()));
                lines.add(events.delete(reply.did(), Nsid.POST, reply.rkey()));
            } else if (step % 1000 == 13) {
                lines.add(events.modAction("ban" + step, "ban", Map.of("did", author)));
                bans.add("ban" + step);
            } else if (step % 1000 == 17 && !replies.isEmpty()) {
                PostKey reply = replies.get(random.nextInt(replies.size()));
                lines.add(events.modAction("hide" + step, "hide",
                        Map.of("post", TestEvents.ref(reply.did(), Nsid.POST, reply.rkey()))));
            } else if (step % 3000 == 19) {
                lines.add(events.delete(FORUM, Nsid.MOD_ACTION, bans.remove(0)));
            } else if (step % 2000 == 23) {
                lines.add(grant(events, "g" + step, author, "member", at));
                grants.add("g" + step);
            } else if (step % 2000 == 1023 && !grants.isEmpty()) {
                lines.add(events.delete(FORUM, Nsid.MEMBER_ROLE, grants.remove(random.nextInt(grants.size()))));
            } else if (topics.isEmpty() || random.nextInt(5) == 0) {
                lines.add(events.topic(author, "t" + step, "Topic text " + random.nextInt(1_000_000), at));
                topics.add(new PostKey(author, "t" + step, at));
            } else {
                PostKey root = topics.get(Math.max(0, topics.size() - 1 - random.nextInt(200)));
                lines.add(events.reply(author, "r" + step, root.did(), root.rkey(), at));
                replies.add(new PostKey(author, "r" + step, at));
            }
        }
        return lines;
    }

    private record PostKey(String did, String rkey, String createdAt) {
    }

    private static Map<String, Object> role(String name, int priority, String... permissions) {
        return Map.of("name", name, "priority", priority, "permissions", List.of(permissions), "createdAt", CREATED);
    }

    private static String grant(TestEvents events, String rkey, String subject, String role, String at) {
        return events.create(FORUM, Nsid.MEMBER_ROLE, rkey, Map.of("subject", subject,
                "role", TestEvents.ref(FORUM, Nsid.ROLE, role), "createdAt", at));
    }
}
