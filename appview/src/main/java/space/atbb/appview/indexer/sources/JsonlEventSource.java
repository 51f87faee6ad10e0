package space.atbb.appview.indexer.sources;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import space.atbb.appview.indexer.EventSource;

/**
 * A replay file, one Jetstream event per line, streamed (never loaded whole). Its cursor is
 * {@code file:NAME}: a replay interrupted at any point resumes after the last committed event.
 * Blank lines are passed over.
 */
public final class JsonlEventSource implements EventSource {
    private final Path file;
    private BufferedReader reader;
    private boolean finished;

    public JsonlEventSource(Path file) {
        this.file = file;
    }

    @Override
    public String cursorName() {
        return "file:" + file.getFileName();
    }

    @Override
    public void open(OptionalLong cursor) {
        try {
            // An InputStreamReader replaces malformed UTF-8 (Files.newBufferedReader would throw):
            // a bad line is then skipped like any other, never an end to the replay.
            reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Replay file " + file.toAbsolutePath() + " does not exist: "
                    + "give the path of a JSONL file with one Jetstream event per line.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read replay file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String next(Duration wait) {
        if (finished) {
            return null;
        }
        try {
            String line;
            do {
                line = reader.readLine();
            } while (line != null && line.isBlank());
            finished = line == null;
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read replay file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
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
