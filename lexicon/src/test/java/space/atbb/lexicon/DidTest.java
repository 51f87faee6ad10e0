package space.atbb.lexicon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DidTest {
    @ParameterizedTest
    @ValueSource(strings = {"did:plc:abc123", "did:web:example.com", "did:web:localhost%3A3000",
            "did:plc:atbb-sample-forum", "did:key:z6Mk_x.y:z"})
    void acceptsDids(String value) {
        assertThat(Did.isValid(value)).isTrue();
        assertThat(Did.of(value).value()).isEqualTo(value);
        assertThat(Did.of(value)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "did:", "did:plc", "did:plc:", "did:PLC:abc", "did:plc:abc:",
            "did:plc:abc%", "did:plc:a b", "did:plc:a/b", "DID:plc:abc", " did:plc:abc"})
    void refusesWhatIsNotADid(String value) {
        assertThat(Did.isValid(value)).isFalse();
        assertThatThrownBy(() -> Did.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a DID: '" + value + "'. A DID looks like did:plc:abc123.");
    }

    @Test
    void refusesNullAndOverlongDids() {
        assertThat(Did.isValid(null)).isFalse();
        assertThatThrownBy(() -> Did.of(null)).hasMessageContaining("Not a DID: 'null'");
        String longest = "did:plc:" + "a".repeat(Did.MAX_LENGTH - "did:plc:".length());
        assertThat(Did.isValid(longest)).isTrue();
        assertThat(Did.isValid(longest + "a")).isFalse();
    }
}
