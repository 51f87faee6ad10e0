package space.atbb.db.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseException.Kind;
import space.atbb.db.DatabaseLockedException;

/** Resolving and locking SQLite files: the single-handle rule's file-system side. */
final class SqliteFiles {
    private SqliteFiles() {
    }

    /**
     * The one name of a file however it was spelled (relative, absolute, through a symlink),
     * creating its directory when missing.
     */
    static Path resolve(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new DatabaseException(Kind.FILE_NOT_USABLE, "Cannot create SQLite database " + absolute + ": "
                    + e.getFile() + " exists and is not a directory.", e);
        } catch (IOException | SecurityException e) {
            throw new DatabaseException(Kind.FILE_NOT_USABLE, "Cannot create the directory " + directory
                    + " for SQLite database " + absolute + " (" + PoolFactory.rootMessage(e) + ").", e);
        }
        if (!Files.isWritable(directory)) {
            throw new DatabaseException(Kind.FILE_NOT_USABLE, "The directory " + directory + " of SQLite database "
                    + absolute + " is not writable for this user; SQLite writes its journal beside the file.", null);
        }
        try {
            Path file = directory.toRealPath().resolve(absolute.getFileName());
            return Files.exists(file) ? file.toRealPath() : file;
        } catch (IOException e) {
            throw new DatabaseException(Kind.FILE_NOT_USABLE, "Cannot resolve SQLite database path " + absolute + ": "
                    + PoolFactory.rootMessage(e), e);
        }
    }

    /**
     * Takes an OS lock on {@code FILE.lock} for as long as the pool lives, so that a second process
     * fails at once with a clear message instead of SQLITE_BUSY later. A sidecar file, because
     * SQLite's own POSIX locks on the database file would be released by any other close of it.
     */
    static FileLock lock(Path file) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new DatabaseLockedException(file, lockFile);
            }
            return lock;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DatabaseException(Kind.FILE_NOT_USABLE, "Cannot lock SQLite database " + file + " through " + lockFile
                    + ": " + PoolFactory.rootMessage(e) + ". Check that the directory is writable.", e);
        }
    }

    static void unlock(FileLock lock) {
        closeQuietly(lock.channel()); // closing the channel releases the lock
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing left to release: the OS drops the lock with the descriptor.
        }
    }
}
