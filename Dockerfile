# Build: the jOOQ classes are generated from db/ against an embedded PostgreSQL started during
# the build, which refuses to run as root, hence the unprivileged build user.
FROM maven:3.9-eclipse-temurin-17 AS build
# node and npm bundle the scanner's scripts (src/main/web) during the build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home builder
USER builder
WORKDIR /home/builder/src
COPY --chown=builder pom.xml ./
RUN mvn -B -q dependency:go-offline || true
COPY --chown=builder . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --create-home --uid 10001 registry
USER registry
WORKDIR /home/registry
COPY --from=build /home/builder/src/target/training-registry.jar /opt/training-registry.jar
ENV PORT=7070
EXPOSE 7070
# Without DATABASE_URL the service runs an embedded PostgreSQL with data in /home/registry/.training-registry.
# Made here, as the registry user: a volume mounted on a folder the image lacks is created owned by
# root, and the embedded PostgreSQL (which runs as the registry user) could not write its data.
RUN mkdir -p /home/registry/.training-registry
VOLUME /home/registry/.training-registry
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["java", "-jar", "/opt/training-registry.jar"]
CMD ["serve"]
