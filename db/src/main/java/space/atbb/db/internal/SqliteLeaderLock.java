package space.atbb.db.internal;

import java.sql.Connection;
import space.atbb.db.LeaderLock;

/** SQLite: the file lock already keeps every other process out, so this one always leads. */
public final class SqliteLeaderLock implements LeaderLock {
    @Override
    public boolean tryAcquire() {
        return true;
    }

    @Override
    public boolean isHeld() {
        return true;
    }

    @Override
    public long term() {
        return 1;
    }

    @Override
    public void fence(Connection transaction) {
        // Nothing to check: no other process can open the file.
    }

    @Override
    public void close() {
        // Nothing held beyond the file lock, which the database owns.
    }
}
