package space.atbb.appview.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Response;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;

class HealthTest {

    @DatabaseTest
    void isLiveAlwaysAndReadyOnlyWhileTheDatabaseAnswers(Database db) {
        try (RunningAppView app = RunningAppView.start(db, null)) {
            assertThat(app.get("/api/healthz").status()).isEqualTo(200);
            Response ready = app.get("/api/healthz/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body().path("database").asText()).isEqualTo(db.dialect().name().toLowerCase(Locale.ROOT));

            db.close(); // the pool is gone: as unreachable as a database gets

            assertThat(app.get("/api/healthz").status()).isEqualTo(200);
            app.get("/api/healthz/ready").assertProblem(503, "Database unreachable");
        }
    }
}
