# pipeguard as a container: a JRE and the shaded jar, run as an unprivileged user.
# Built by .github/workflows/release.yml from the jar that `./mvnw package` writes.
FROM eclipse-temurin:17-jre-alpine

RUN addgroup -S pipeguard && adduser -S -G pipeguard -H -h /nonexistent pipeguard
COPY target/pipeguard.jar /opt/pipeguard/pipeguard.jar

USER pipeguard
WORKDIR /repo
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/opt/pipeguard/pipeguard.jar"]
CMD ["check", "."]
