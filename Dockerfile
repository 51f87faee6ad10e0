# Build stage: the whole reactor, so the fat jar carries both migration sets.
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package

# Runtime stage: only a JRE and the jar.
FROM eclipse-temurin:17-jre
RUN groupadd --system atbb \
 && useradd --system --gid atbb --home-dir /data --no-create-home --shell /usr/sbin/nologin atbb \
 && mkdir /data \
 && chown atbb:atbb /data
COPY --from=build /src/appview/target/atbb-appview.jar /app/atbb-appview.jar
# Without a DATABASE_URL the server would put SQLite under /app, which the
# runtime user cannot write; /data is the place to mount a volume.
ENV DATABASE_URL=file:/data/atbb.db \
    PORT=3000
USER atbb
WORKDIR /data
EXPOSE 3000
ENTRYPOINT ["java", "-jar", "/app/atbb-appview.jar"]
CMD ["serve"]
