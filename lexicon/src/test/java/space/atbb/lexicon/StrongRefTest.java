package space.atbb.lexicon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrongRefTest {
    @Test
    void holdsTheAddressAndTheVersion() {
        StrongRef ref = StrongRef.of("at://did:plc:forum/space.atbb.forum.board/b1", "bafy1");

        assertThat(ref.uri()).isEqualTo(AtUri.of("did:plc:forum", Nsid.BOARD, "b1"));
        assertThat(ref.cid()).isEqualTo("bafy1");
    }

    @Test
    void refusesAMissingPart() {
        assertThatThrownBy(() -> StrongRef.of("at://did:plc:forum/space.atbb.forum.board/b1", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The strong reference to at://did:plc:forum/space.atbb.forum.board/b1 needs a cid"
                        + " (the version's hash).");
        assertThatThrownBy(() -> new StrongRef(null, "bafy1"))
                .hasMessage("A strong reference needs a uri (at://DID/COLLECTION/RKEY).");
        assertThatThrownBy(() -> StrongRef.of("board b1", "bafy1")).hasMessageStartingWith("Not an AT URI: 'board b1'.");
    }
}
