package space.atbb.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import space.atbb.db.Database;
import space.atbb.db.Dialect;

/**
 * CPU seconds spent on a phase: this JVM's, plus those of the PostgreSQL server processes serving
 * the phase's database (read from /proc, so only for a server on this machine). On a machine
 * shared with other work the wall-clock rate depends on the load; the CPU spent does much less.
 */
final class CpuClock {
    /** Linux's USER_HZ: /proc/PID/stat counts CPU time in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100;

    private final Database database;
    private final long jvmStartNanos;
    private final Map<Long, Long> serverStartTicks;

    private CpuClock(Database database) throws Exception {
        this.database = database;
        this.serverStartTicks = serverTicks();
        this.jvmStartNanos = jvmNanos();
    }

    static CpuClock start(Database database) throws Exception {
        return new CpuClock(database);
    }

    /** CPU seconds since {@link #start}; call it before the database closes. */
    double seconds() throws Exception {
        long jvm = jvmNanos() - jvmStartNanos;
        long server = 0;
        for (Map.Entry<Long, Long> backend : serverTicks().entrySet()) {
            server += backend.getValue() - serverStartTicks.getOrDefault(backend.getKey(), 0L);
        }
        return jvm / 1e9 + server / TICKS_PER_SECOND;
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** user + system ticks of each server process connected to the database, by pid. */
    private Map<Long, Long> serverTicks() throws Exception {
        Map<Long, Long> ticks = new HashMap<>();
        if (database.dialect() != Dialect.POSTGRES) {
            return ticks; // SQLite runs inside this JVM
        }
        try (Connection c = database.connection(); Statement s = c.createStatement();
             ResultSet pids = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (pids.next()) {
                Path stat = Path.of("/proc", pids.getString(1), "stat");
                if (Files.isReadable(stat)) {
                    String line = Files.readString(stat);
                    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                    ticks.put(pids.getLong(1), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                }
            }
        }
        return ticks;
    }
}
