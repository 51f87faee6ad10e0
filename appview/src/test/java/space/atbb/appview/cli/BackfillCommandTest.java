package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillCommandTest {
    @TempDir
    Path dir;

    @Test
    void saysWhatIsMissingOrWrongBeforeTouchingTheDatabase() {
        String url = "file:" + dir.resolve("atbb.db");
        CliRun noForum = CliRun.appview("backfill", "--database-url", url, "--forum-did", " ");
        assertThat(noForum.exitCode()).isEqualTo(1);
        assertThat(noForum.err()).contains("appview backfill: backfill needs the forum's DID: set FORUM_DID or pass --forum-did");

        CliRun badDid = CliRun.appview("backfill", "--database-url", url, "--forum-did", "did:plc:forum", "--did", "alice");
        assertThat(badDid.err()).contains("--did alice: not a DID such as did:plc:abc123");

        CliRun both = CliRun.appview("backfill", "--database-url", url, "--forum-did", "did:plc:forum",
                "--did", "did:plc:alice", "--retry-errors");
        assertThat(both.err()).contains("--retry-errors and --did exclude each other");

        CliRun badRelay = CliRun.appview("backfill", "--database-url", url, "--forum-did", "did:plc:forum",
                "--relay-url", "relay.example");
        assertThat(badRelay.err()).contains("RELAY_URL must be an http:// or https:// URL");
        assertThat(dir.resolve("atbb.db")).doesNotExist();
    }
}
