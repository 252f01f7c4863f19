# syntax=docker/dockerfile:1
# ---- build ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src src
COPY bpmn bpmn
RUN mvn -q -B -DskipTests package && cp target/pollution-oversight-*.jar /src/app.jar

# ---- run ----
FROM eclipse-temurin:17-jre
RUN groupadd --system oversight && useradd --system --gid oversight --home-dir /app oversight \
    && mkdir -p /app/data && chown -R oversight:oversight /app \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/app.jar /app/app.jar
USER oversight
VOLUME ["/app/data"]
EXPOSE 8080
ENV OVERSIGHT_DB_URL="jdbc:h2:file:/app/data/oversight;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" \
    JAVA_OPTS="-XX:MaxRAMPercentage=75" \
    TZ=Asia/Shanghai
# No demo data and no default password in the image: run it with OVERSIGHT_ADMIN_USER and
# OVERSIGHT_ADMIN_PASSWORD (at least 8 characters) for the first administrator; it refuses to
# start without an administrator.
# Camunda's tables in the image's own embedded H2 volume, which no operator administers: created
# on the first start. The postgres profile ignores this (its schema is the operator's, see README).
ENV OVERSIGHT_CAMUNDA_SCHEMA_UPDATE=true
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
