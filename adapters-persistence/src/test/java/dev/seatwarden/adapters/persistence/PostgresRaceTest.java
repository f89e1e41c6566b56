package dev.seatwarden.adapters.persistence;

/**
 * The races on PostgreSQL (R16: "across several server processes sharing one PostgreSQL
 * database"): two pools on one fresh schema, units side by side at SERIALIZABLE. Skipped, saying
 * why, when {@value TestDatabases#PG_URL_VARIABLE} is not set.
 */
class PostgresRaceTest extends RaceScenarios {

    private TestDatabases.PostgresSchema schema;

    @Override
    protected String engine() {
        return "PostgreSQL";
    }

    @Override
    protected int defaultRounds() {
        return 20;
    }

    @Override
    protected DatabaseSettings newDatabase() {
        schema = TestDatabases.PostgresSchema.create();
        return schema.settings();
    }

    @Override
    protected void dropDatabase() {
        if (schema != null) {
            schema.close();
        }
    }
}
