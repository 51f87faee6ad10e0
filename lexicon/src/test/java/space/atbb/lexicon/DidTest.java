package space.atbb.lexicon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** The rule as the AT Protocol writes it; Did checks it with a loop, for speed. */
    @Test
    void agreesWithTheRegexOfTheSpecificationOnGeneratedStrings() {
        Pattern rule = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._-]");
        String[] prefixes = {"", "did:", "did:plc:", "did:web:", "did:P:", "did::"};
        String alphabet = "did:plcwebAZ09._%-/ ";
        SplittableRandom random = new SplittableRandom(42);
        int valid = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder candidate = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            for (int length = random.nextInt(12); length > 0; length--) {
                candidate.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = candidate.toString();
            boolean expected = rule.matcher(value).matches();
            assertThat(Did.isValid(value)).as(value).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).as("generated DIDs that are valid").isGreaterThan(1_000);
    }
}
