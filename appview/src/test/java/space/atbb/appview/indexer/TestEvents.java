package space.atbb.appview.indexer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.atbb.lexicon.Nsid;

/** Builds Jetstream commit events as JSON lines, with time_us increasing by one millisecond each. */
public final class TestEvents {
    public static final String FORUM = "did:plc:forum";
    public static final String CREATED = "2026-11-22T10:00:00.000Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private long timeUs = 1_800_000_000_000_000L;

    public static Map<String, Object> ref(String did, String collection, String rkey) {
        return Map.of("uri", "at://" + did + "/" + collection + "/" + rkey, "cid", "bafy" + rkey);
    }

    public static Map<String, Object> forumRef() {
        return ref(FORUM, Nsid.FORUM, "self");
    }

    public long lastTimeUs() {
        return timeUs;
    }

    public String create(String did, String collection, String rkey, Map<String, Object> record) {
        return commit(did, "create", collection, rkey, record);
    }

    public String update(String did, String collection, String rkey, Map<String, Object> record) {
        return commit(did, "update", collection, rkey, record);
    }

    public String delete(String did, String collection, String rkey) {
        return commit(did, "delete", collection, rkey, null);
    }

    /** The forum record, a category and a board "b1". */
    public List<String> structure() {
        return List.of(
                create(FORUM, Nsid.FORUM, "self", Map.of("name", "Forum", "createdAt", CREATED)),
                create(FORUM, Nsid.CATEGORY, "c1", Map.of("name", "General", "createdAt", CREATED)),
                board("b1", "c1"));
    }

    public String board(String rkey, String category) {
        return create(FORUM, Nsid.BOARD, rkey, Map.of("name", "Board " + rkey,
                "category", ref(FORUM, Nsid.CATEGORY, category), "createdAt", CREATED));
    }

    public String topic(String did, String rkey, String text, String createdAt) {
        return create(did, Nsid.POST, rkey, Map.of("title", "Topic " + rkey, "text", text, "forum", forumRef(),
                "board", ref(FORUM, Nsid.BOARD, "b1"), "createdAt", createdAt));
    }

    public String reply(String did, String rkey, String rootDid, String root, String createdAt) {
        Map<String, Object> rootRef = ref(rootDid, Nsid.POST, root);
        return create(did, Nsid.POST, rkey, Map.of("text", "reply " + rkey, "forum", forumRef(),
                "reply", Map.of("root", rootRef, "parent", rootRef), "createdAt", createdAt));
    }

    public String membership(String did) {
        return create(did, Nsid.MEMBERSHIP, "self", Map.of("forum", forumRef(), "createdAt", CREATED));
    }

    public String modAction(String rkey, String action, Map<String, Object> subject) {
        return create(FORUM, Nsid.MOD_ACTION, rkey, Map.of("action", action, "subject", subject, "createdAt", CREATED));
    }

    private String commit(String did, String operation, String collection, String rkey, Map<String, Object> record) {
        timeUs += 1000;
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("rev", "3l");
        commit.put("operation", operation);
        commit.put("collection", collection);
        commit.put("rkey", rkey);
        if (record != null) {
            commit.put("cid", "bafy" + rkey + timeUs);
            Map<String, Object> typed = new LinkedHashMap<>();
            typed.put("$type", collection);
            typed.putAll(record);
            commit.put("record", typed);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("did", did);
        event.put("time_us", timeUs);
        event.put("kind", "commit");
        event.put("commit", commit);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
