# The poker node's container image. Two stages:
#   build    the Maven wrapper builds the node and its runtime layout (module dist): a jlink runtime
#            of only the JDK modules the node needs, app/poker.jar and bin/poker-node;
#   runtime  a small Debian base with that layout copied in, nothing else (no JDK, no Maven, no sources).
# Machines without a container engine build the same layout with
#   ./mvnw -B -pl dist -am package -DskipTests      (dist/target/poker-node)
# and DistLayoutIT starts the node from it. No secret is baked in: POKER_TOKEN_SECRET, POKER_DB_PASSWORD,
# POKER_REDIS_URL and POKER_ADMIN_TOKEN come from the orchestrator (deploy/k8s: Secrets).

FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
# .dockerignore keeps target/, .git, data and local clusters out of the context
COPY . .
RUN ./mvnw -B -ntp -pl dist -am package -DskipTests

FROM debian:bookworm-slim AS runtime
# a system user with no login shell and no home of interest; the node writes only under /var/lib/poker
RUN groupadd --system --gid 10001 poker \
 && useradd --system --uid 10001 --gid poker --no-create-home --shell /usr/sbin/nologin poker \
 && mkdir -p /var/lib/poker && chown poker:poker /var/lib/poker
COPY --from=build /src/dist/target/poker-node /opt/poker
ENV POKER_HOST=0.0.0.0 \
    POKER_PORT=8080 \
    POKER_DATA_DIR=/var/lib/poker \
    POKER_MAX_RAM_PERCENTAGE=75
USER 10001:10001
WORKDIR /var/lib/poker
EXPOSE 8080
# SIGTERM starts the node's drain (tables finish their hand or move, players are told to reconnect)
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/poker/bin/poker-node"]
CMD ["serve"]
