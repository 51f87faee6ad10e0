package space.atbb.db.copy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a table's rows on a thread of its own, a few thousand ahead of the caller, so that
 * reading one database overlaps with writing or reading the other. Closing it stops the reader
 * and closes the rows.
 */
final class PrefetchedRows implements AutoCloseable {
    private static final int CHUNK = 2_000;
    private static final List<Object[]> END = Collections.emptyList();

    private final Side.Rows rows;
    private final BlockingQueue<List<Object[]>> chunks = new ArrayBlockingQueue<>(4);
    private final Thread reader;
    private volatile Exception failure;
    private Iterator<Object[]> current = Collections.emptyIterator();
    private boolean ended;

    PrefetchedRows(Side.Rows rows, String table) {
        this.rows = rows;
        this.reader = new Thread(this::read, "atbb-read-" + table);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            List<Object[]> chunk = new ArrayList<>(CHUNK);
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                chunk.add(row);
                if (chunk.size() == CHUNK) {
                    chunks.put(chunk);
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            if (!chunk.isEmpty()) {
                chunks.put(chunk);
            }
        } catch (InterruptedException e) {
            return; // closed early: nobody waits for the end
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
        try {
            chunks.put(END);
        } catch (InterruptedException ignored) {
            // closed while the queue was full: nobody waits for the end
        }
    }

    /** The next row, or null at the end; a failure of the reader is thrown here. */
    Object[] next() throws SQLException {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            List<Object[]> chunk;
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while reading rows", e);
            }
            if (chunk == END) {
                ended = true;
                if (failure instanceof SQLException sql) {
                    throw sql;
                }
                if (failure != null) {
                    throw (RuntimeException) failure;
                }
                return null;
            }
            current = chunk.iterator();
        }
        return current.next();
    }

    @Override
    public void close() throws SQLException {
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rows.close();
    }
}
