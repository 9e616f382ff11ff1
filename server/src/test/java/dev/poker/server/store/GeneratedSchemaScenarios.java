package dev.poker.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.server.store.schema.DefaultSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;

/**
 * jOOQ's classes are generated from the migrations by jOOQ's own DDL interpreter; this checks that a
 * database the migrations really ran on (Flyway, as a node opens it) has exactly those tables and
 * columns, with the same nullability, kind of type and length. So the typed queries and the plain
 * JDBC batches rendered from them name what the database holds.
 */
public abstract class GeneratedSchemaScenarios {

    protected abstract Map<String, String> database();

    protected void theGeneratedTablesAreTheMigratedOnes() {
        try (Database db = TestDatabases.open(database())) {
            List<Table<?>> migrated = db.dsl().meta().getSchemas().stream()
                    .filter(s -> s.getName().equalsIgnoreCase("public"))
                    .flatMap(s -> s.getTables().stream())
                    .filter(t -> !t.getName().equalsIgnoreCase("flyway_schema_history"))
                    .toList();
            TreeSet<String> migratedNames = new TreeSet<>();
            migrated.forEach(t -> migratedNames.add(t.getName().toLowerCase()));
            TreeSet<String> generatedNames = new TreeSet<>();
            DefaultSchema.DEFAULT_SCHEMA.getTables().forEach(t -> generatedNames.add(t.getName()));
            assertThat(generatedNames).as("tables").isEqualTo(migratedNames);

            for (Table<?> generated : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
                Table<?> table = migrated.stream().filter(t -> t.getName().equalsIgnoreCase(generated.getName()))
                        .findFirst().orElseThrow();
                assertThat(table.fields()).as("columns of %s", generated.getName()).hasSameSizeAs(generated.fields());
                for (Field<?> g : generated.fields()) {
                    Optional<Field<?>> m = List.of(table.fields()).stream()
                            .filter(f -> f.getName().equalsIgnoreCase(g.getName())).findFirst();
                    assertThat(m).as("column %s.%s", generated.getName(), g.getName()).isPresent();
                    String where = generated.getName() + "." + g.getName();
                    DataType<?> gt = g.getDataType();
                    DataType<?> mt = m.get().getDataType();
                    assertThat(mt.nullable()).as("%s nullable", where).isEqualTo(gt.nullable());
                    assertThat(kind(mt)).as("%s type (%s vs generated %s)", where, mt, gt).isEqualTo(kind(gt));
                    if (gt.hasLength() && gt.length() > 0) {
                        assertThat(mt.length()).as("%s length", where).isEqualTo(gt.length());
                    }
                }
            }
        }
    }

    /** The kind of a column's type, in terms both databases' metadata agree on. */
    private static String kind(DataType<?> t) {
        if (t.isTemporal()) {
            return "temporal";
        }
        if (t.isString()) {
            return "string";
        }
        if (t.isNumeric()) {
            return t.getType().getSimpleName();
        }
        return t.getType().getName();
    }
}
