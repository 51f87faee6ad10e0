package space.atbb.appview.indexer.sources;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalLong;
import space.atbb.appview.indexer.EventSource;

/**
 * A replay file, one Jetstream event per line, streamed (never loaded whole). Blank lines are
 * passed over.
 *
 * <p>Its cursor belongs to the file's content, not to its name: {@code file:sha256:HEX}, from the
 * file's first event (its first non-blank line). A file replayed again, even renamed, copied or
 * with events appended, resumes after its last committed event; another file named the same
 * starts from its beginning. A file that begins with the same event as another is taken for the
 * same stream continued, as an appended file is.
 */
public final class JsonlEventSource implements EventSource {
    /** Every replay file's cursor row starts so; the rest is the file's fingerprint. */
    public static final String CURSOR_PREFIX = "file:sha256:";
    /** 128 bits of SHA-256: no two files a forum replays share them by chance. */
    private static final int FINGERPRINT_BYTES = 16;

    private final Path file;
    private String cursorName;
    private BufferedReader reader;
    private boolean finished;

    public JsonlEventSource(Path file) {
        this.file = file;
    }

    /** Reads the file's first event (a line; the file's size does not matter). */
    @Override
    public String cursorName() {
        if (cursorName == null) {
            try (BufferedReader first = open()) {
                String line = nextLine(first);
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest((line == null ? "" : line).getBytes(StandardCharsets.UTF_8));
                cursorName = CURSOR_PREFIX + HexFormat.of().formatHex(digest, 0, FINGERPRINT_BYTES);
            } catch (IOException e) {
                throw unreadable(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("This Java has no SHA-256", e); // every Java SE has it
            }
        }
        return cursorName;
    }

    @Override
    public void open(OptionalLong cursor) {
        reader = open();
    }

    @Override
    public String next(Duration wait) {
        if (finished) {
            return null;
        }
        try {
            String line = nextLine(reader);
            finished = line == null;
            return line;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private BufferedReader open() {
        try {
            // An InputStreamReader replaces malformed UTF-8 (Files.newBufferedReader would throw):
            // a bad line is then skipped like any other, never an end to the replay.
            return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Replay file " + file.toAbsolutePath() + " does not exist: "
                    + "give the path of a JSONL file with one Jetstream event per line.", e);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static String nextLine(BufferedReader reader) throws IOException {
        String line;
        do {
            line = reader.readLine();
        } while (line != null && line.isBlank());
        return line;
    }

    private UncheckedIOException unreadable(IOException e) {
        return new UncheckedIOException("Cannot read replay file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
