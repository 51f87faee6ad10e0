package space.atbb.lexicon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtUriTest {
    @Test
    void parsesARecordAddressIntoItsParts() {
        AtUri uri = AtUri.parse("at://did:plc:alice/space.atbb.post/3k2a");

        assertThat(uri).isEqualTo(AtUri.of("did:plc:alice", Nsid.POST, "3k2a"));
        assertThat(uri.did()).isEqualTo("did:plc:alice");
        assertThat(uri.collection()).isEqualTo(Nsid.POST);
        assertThat(uri.rkey()).isEqualTo("3k2a");
        assertThat(uri).hasToString("at://did:plc:alice/space.atbb.post/3k2a");
    }

    @Test
    void theForumRecordOfADid() {
        assertThat(AtUri.forum("did:plc:forum")).hasToString("at://did:plc:forum/space.atbb.forum.forum/self");
    }

    @ParameterizedTest
    @ValueSource(strings = {"did:plc:alice/space.atbb.post/3k2a", "https://did:plc:alice/space.atbb.post/3k2a", ""})
    void refusesWhatIsNotAnAtUri(String value) {
        assertThatThrownBy(() -> AtUri.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not an AT URI: '" + value + "'. A record address looks like"
                        + " at://did:plc:abc123/space.atbb.post/3k2a.");
        assertThat(AtUri.tryParse(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"at://did:plc:alice", "at://did:plc:alice/space.atbb.post",
            "at://did:plc:alice/space.atbb.post/3k2a/extra"})
    void refusesAddressesWithoutExactlyThreeParts(String value) {
        assertThatThrownBy(() -> AtUri.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a record address: '" + value + "' needs exactly DID/COLLECTION/RKEY");
    }

    @Test
    void refusesABadDidOrAnEmptyPart() {
        assertThatThrownBy(() -> AtUri.parse("at://alice/space.atbb.post/3k2a"))
                .hasMessageStartingWith("The DID of a record address is not a DID: 'alice'.");
        assertThatThrownBy(() -> AtUri.parse("at://did:plc:alice/space.atbb.post/"))
                .hasMessageContaining("needs a collection and a record key without '/', was 'space.atbb.post' and ''");
        assertThatThrownBy(() -> AtUri.of("did:plc:alice", "space.atbb.post", "a/b"))
                .hasMessageContaining("was 'space.atbb.post' and 'a/b'");
        assertThatThrownBy(() -> AtUri.parse(null)).hasMessageStartingWith("Not an AT URI: 'null'.");
    }

    @Test
    void tryParseHandsBackAGoodAddress() {
        assertThat(AtUri.tryParse("at://did:plc:forum/space.atbb.forum.role/mod"))
                .hasValue(AtUri.of("did:plc:forum", Nsid.ROLE, "mod"));
    }
}
