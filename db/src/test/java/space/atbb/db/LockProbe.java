package space.atbb.db;

/** Opens a database in a second JVM, for the cross-process lock test: exit 0 opened, 3 locked. */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(String[] args) {
        try (Database db = Databases.create(args[0])) {
            System.out.println("opened " + db.dialect());
        } catch (DatabaseLockedException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
