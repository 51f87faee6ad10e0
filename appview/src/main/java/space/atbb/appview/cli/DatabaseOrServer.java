package space.atbb.appview.cli;

import java.util.function.Function;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.ControlClient;
import space.atbb.db.Database;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.Databases;

/** Where a command does its work: on the database, or through the server that holds its SQLite file. */
final class DatabaseOrServer {
    private DatabaseOrServer() {
    }

    /** Runs {@code local} on the database, its schema prepared, or {@code remote} through the server holding the file. */
    static <T> T run(AppViewConfig config, Function<Database, T> local, Function<ControlClient, T> remote) {
        try (Database db = Databases.create(config.databaseUrl())) {
            db.prepareSchema();
            return local.apply(db);
        } catch (DatabaseLockedException locked) {
            return remote.apply(ControlClient.reach(locked));
        }
    }
}
