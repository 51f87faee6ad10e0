package space.atbb.appview.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import space.atbb.db.Database;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Post;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.lexicon.Nsid;

/**
 * The counts the indexer keeps (topics' replies, boards' topics and posts, and the newest times)
 * equal the rows counted afresh, after every batch of a random mix of posts, edits that move a
 * post to another topic or board, deletions, hides, bans and their undoing.
 */
class IndexedCountsTest {
    private static final List<String> MEMBERS = List.of("did:plc:alice", "did:plc:bob", "did:plc:carol");
    private static final List<String> BOARDS = List.of("b1", "b2", "b3");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @DatabaseTest
    void countsEqualTheRowsCountedAfreshAfterEveryBatchOfARandomMix(Database db) {
        for (long seed = 1; seed <= 3; seed++) {
            new Mix(db, new Random(seed), "s" + seed).run(40);
        }
    }

    /** One forum's worth of random events, applied in random batches, checked after each. */
    private static final class Mix {
        private final Database db;
        private final Random random;
        private final String prefix;
        private final TestEvents events = new TestEvents();
        private final Indexer indexer;
        /** Posts written so far: rkey to author. */
        private final Map<String, String> posts = new LinkedHashMap<>();
        private final List<String> topics = new ArrayList<>();
        private final Map<String, Map<String, Object>> actions = new HashMap<>();
        private int next;

        Mix(Database db, Random random, String prefix) {
            this.db = db;
            this.random = random;
            this.prefix = prefix;
            this.indexer = new Indexer(db, FORUM);
        }

        void run(int batches) {
            List<String> structure = new ArrayList<>(events.structure());
            structure.add(events.board("b2", "c1"));
            indexer.apply("test", structure);
            for (int b = 0; b < batches; b++) {
                List<String> batch = new ArrayList<>();
                int size = 1 + random.nextInt(12);
                for (int i = 0; i < size; i++) {
                    batch.add(randomEvent());
                }
                indexer.apply("test", batch);
                assertCountsMatchTheRows(prefix + " batch " + b + " (" + batch.size() + " events)");
            }
            // b3 arrives last: its topics, parked until now, count on it from here on.
            indexer.apply("test", List.of(events.board("b3", "c1")));
            assertCountsMatchTheRows(prefix + " after board b3");
        }

        private String randomEvent() {
            int kind = random.nextInt(100);
            if (kind < 25 || topics.isEmpty()) {
                return topic(newRkey(), member(), pick(BOARDS));
            }
            if (kind < 55) {
                // Now and then a reply to a topic not indexed yet: parked until it comes.
                String root = random.nextInt(10) == 0 ? prefix + "later" + random.nextInt(3) : pick(topics);
                return reply(newRkey(), member(), root);
            }
            String post = pick(new ArrayList<>(posts.keySet()));
            if (kind < 62) {
                return topics.contains(post) ? topic(post, posts.get(post), pick(BOARDS))
                        : reply(post, posts.get(post), pick(topics)); // moved to another board or topic
            }
            if (kind < 70) {
                return events.delete(posts.get(post), Nsid.POST, post);
            }
            if (kind < 80) {
                return action("hide" + post, "hide", Map.of("post", TestEvents.ref(posts.get(post), Nsid.POST, post)));
            }
            if (kind < 88) {
                String member = member();
                return action("ban" + member.substring(8), "ban", Map.of("did", member));
            }
            if (actions.isEmpty()) {
                // A topic that replies were parked for arrives (written by the DID they named).
                return topic(prefix + "later" + random.nextInt(3), MEMBERS.get(0), pick(BOARDS));
            }
            String action = pick(new ArrayList<>(actions.keySet()));
            actions.remove(action);
            return events.delete(FORUM, Nsid.MOD_ACTION, action);
        }

        private String topic(String rkey, String did, String board) {
            posts.put(rkey, did);
            if (!topics.contains(rkey)) {
                topics.add(rkey);
            }
            return events.create(did, Nsid.POST, rkey, Map.of("title", "Topic " + rkey, "text", "text " + rkey,
                    "forum", TestEvents.forumRef(), "board", TestEvents.ref(FORUM, Nsid.BOARD, board),
                    "createdAt", createdAt()));
        }

        private String reply(String rkey, String did, String rootRkey) {
            posts.put(rkey, did);
            topics.remove(rkey);
            String rootDid = posts.getOrDefault(rootRkey, MEMBERS.get(0));
            Map<String, Object> root = TestEvents.ref(rootDid, Nsid.POST, rootRkey);
            return events.create(did, Nsid.POST, rkey, Map.of("text", "reply " + rkey, "forum", TestEvents.forumRef(),
                    "reply", Map.of("root", root, "parent", root), "createdAt", createdAt()));
        }

        private String action(String rkey, String action, Map<String, Object> subject) {
            actions.put(rkey, subject);
            return events.modAction(rkey, action, subject);
        }

        /** Few distinct times, so that ties between replies happen and the id decides. */
        private String createdAt() {
            return T0.plusSeconds(60L * random.nextInt(30)).toString();
        }

        private String newRkey() {
            return prefix + "p" + (next++);
        }

        private String member() {
            return pick(MEMBERS);
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private void assertCountsMatchTheRows(String after) {
            db.useTransaction(s -> {
                List<Post> rows = s.createSelectionQuery("from Post", Post.class).getResultList();
                Map<Long, List<Post>> visibleReplies = rows.stream()
                        .filter(p -> p.getRootPostId() != null && visible(p))
                        .collect(Collectors.groupingBy(Post::getRootPostId));
                Map<Long, Expected> byTopic = new HashMap<>();
                for (Post topic : rows) {
                    if (topic.getRootUri() == null) {
                        Expected expected = Expected.of(visibleReplies.getOrDefault(topic.getId(), List.of()));
                        byTopic.put(topic.getId(), expected);
                        assertThat(new Expected(topic.getReplyCount(), topic.getLastReplyAt(), topic.getLastReplyDid()))
                                .as("topic %s after %s", topic.getRkey(), after).isEqualTo(expected);
                    }
                }
                for (Board board : s.createSelectionQuery("from Board", Board.class).getResultList()) {
                    List<Post> onBoard = rows.stream().filter(p -> board.getId().equals(p.getBoardId())
                            && p.getRootUri() == null && visible(p)).toList();
                    int postCount = onBoard.size() + onBoard.stream().mapToInt(t -> byTopic.get(t.getId()).replies()).sum();
                    Instant last = onBoard.stream().map(t -> latest(t.getCreatedAt(), byTopic.get(t.getId()).lastAt()))
                            .max(Comparator.naturalOrder()).orElse(null);
                    assertThat(List.<Object>of(board.getTopicCount(), board.getPostCount(), String.valueOf(board.getLastActivityAt())))
                            .as("board %s after %s", board.getRkey(), after)
                            .isEqualTo(List.<Object>of(onBoard.size(), postCount, String.valueOf(last)));
                }
            });
        }

        private static boolean visible(Post p) {
            return !p.isBannedByMod() && !p.isDeletedByUser();
        }

        private static Instant latest(Instant a, Instant b) {
            return b != null && b.isAfter(a) ? b : a;
        }
    }

    /** A topic's counts: visible replies, the newest one's time and author (the higher id on a tie). */
    private record Expected(int replies, Instant lastAt, String lastDid) {
        static Expected of(List<Post> replies) {
            Post newest = replies.stream().max(Comparator.comparing(Post::getCreatedAt).thenComparing(Post::getId))
                    .orElse(null);
            return new Expected(replies.size(), newest == null ? null : newest.getCreatedAt(),
                    newest == null ? null : newest.getDid());
        }
    }
}
