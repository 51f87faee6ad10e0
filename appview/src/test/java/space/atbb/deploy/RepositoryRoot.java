package space.atbb.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's top directory, where the deployment files live, from wherever the tests run. */
public final class RepositoryRoot {

    private RepositoryRoot() {}

    public static Path find() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("appview/pom.xml"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no directory above " + Path.of("").toAbsolutePath() + " holds appview/pom.xml");
    }

    public static Path file(String relativePath) {
        return find().resolve(relativePath);
    }
}
