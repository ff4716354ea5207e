// Build step (run by exec-maven-plugin in generate-sources): migrate a throw-away embedded
// PostgreSQL with the migrations in db/ and generate the jOOQ classes from the real schema.
// jOOQ's DDLDatabase cannot parse the PostgreSQL features the schema uses (see STACK.md).
// Skips the work when neither the migrations nor this file changed since the last run.

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

public class JooqCodegen {
    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Path stamp = output.resolve(".schema-sha256");
        String hash = hashOf(migrations, Path.of(args[2]));
        if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
            System.out.println("jOOQ classes are up to date with " + migrations);
            return;
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .load()
                    .migrate();
            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc()
                            .withDriver("org.postgresql.Driver")
                            .withUrl(pg.getJdbcUrl("postgres", "postgres"))
                            .withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withIncludes(".*")
                                    .withExcludes("flyway_schema_history")
                                    .withIncludeRoutines(false)
                                    .withIncludeSequences(true)
                                    .withTableValuedFunctions(false))
                            .withGenerate(new Generate()
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDeprecated(false)
                                    .withImplicitJoinPathsToOne(false)
                                    .withImplicitJoinPathsToMany(false))
                            .withTarget(new Target()
                                    .withPackageName("vn.bdg.registry.db")
                                    .withDirectory(output.toString()))));
        }
        Files.writeString(stamp, hash);
    }

    private static String hashOf(Path migrations, Path self) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
        }
        digest.update(Files.readAllBytes(self));
        return HexFormat.of().formatHex(digest.digest());
    }
}
