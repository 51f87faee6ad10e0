package space.atbb.appview.control;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * How CLI commands reach the server that holds a SQLite file: {@code FILE.control} beside the
 * database names the server's port, its pid and a random secret, readable by the owner only
 * (mode 0600). The server writes it once listening and deletes it on a clean shutdown.
 *
 * @param port   the HTTP port, reached on 127.0.0.1
 * @param secret sent as {@value #SECRET_HEADER}
 */
public record ControlFile(int port, String secret, long pid) {
    public static final String SECRET_HEADER = "X-Atbb-Control-Secret";

    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static ControlFile forThisProcess(int port, String secret) {
        return new ControlFile(port, secret, ProcessHandle.current().pid());
    }

    /** {@code atbb.db} → {@code atbb.db.control}. */
    public static Path pathFor(Path databaseFile) {
        return databaseFile.resolveSibling(databaseFile.getFileName() + ".control");
    }

    public static Optional<ControlFile> read(Path databaseFile) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(pathFor(databaseFile))) {
            p.load(in);
            return Optional.of(new ControlFile(Integer.parseInt(p.getProperty("port")), p.getProperty("secret"),
                    Long.parseLong(p.getProperty("pid"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // Half-written or foreign: as good as none.
        }
    }

    /** Writes the file owner-only, atomically, so a reader never sees half of it. */
    public void write(Path databaseFile) {
        Path target = pathFor(databaseFile);
        try {
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties p = new Properties();
            p.setProperty("port", Integer.toString(port));
            p.setProperty("secret", secret);
            p.setProperty("pid", Long.toString(pid));
            try (Writer out = Files.newBufferedWriter(temp)) {
                p.store(out, "atBB appview control endpoint; deleted when the server stops");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage()
                    + ". CLI commands will not reach this server; make the directory writable.", e);
        }
    }

    public static void delete(Path databaseFile) {
        try {
            Files.deleteIfExists(pathFor(databaseFile));
        } catch (IOException ignored) {
            // A stale file is harmless: its port no longer answers, and the next serve replaces it.
        }
    }
}
